from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multiline

from .documents import cv_format
from .models import ENQUIRY_MAX_LENGTH, MESSAGE_MAX_LENGTH, MessageReport


def clean_text(value):
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(_("Write a message."), code="required")
    validate_multiline(value)
    return value


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("Plain text. Links are shown but never open automatically."),
    )

    def clean_body(self):
        return clean_text(self.cleaned_data["body"])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this message?"),
        choices=[c for c in MessageReport.Reason.choices if c[0] != MessageReport.Reason.HELD],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Anything a moderator should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    block = forms.BooleanField(label=_("Also block this member"), required=False)

    def clean_details(self):
        value = self.cleaned_data["details"].strip()
        validate_multiline(value)
        return value


class EnquiryForm(forms.Form):
    """The member writes a message and ticks which of their contact details to share.
    Only what is ticked, and only what the member has, is ever shared."""

    message = forms.CharField(
        label=_("Your message"),
        max_length=ENQUIRY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": ENQUIRY_MAX_LENGTH}),
    )
    share_email = forms.BooleanField(required=False)
    share_phone = forms.BooleanField(required=False)
    share_wechat = forms.BooleanField(required=False)

    def __init__(self, *args, user, with_cv=False, needs_contact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.needs_contact = needs_contact
        profile = user.profile
        self.available = {"email": user.email, "phone": profile.phone, "wechat": profile.wechat_id}
        labels = {
            "email": _("Share my email address: %(value)s"),
            "phone": _("Share my phone number: %(value)s"),
            "wechat": _("Share my WeChat ID: %(value)s"),
        }
        for name, value in self.available.items():
            field = self.fields[f"share_{name}"]
            if value:
                field.label = labels[name] % {"value": value}
            else:
                field.label = labels[name] % {"value": _("(none in your profile)")}
                field.disabled = True
                field.initial = False
        if with_cv:
            self.fields["cv"] = forms.FileField(
                label=_("CV (optional)"),
                required=False,
                help_text=_("PDF or Word (.docx), up to 5 MB. Only the employer can open it."),
                widget=forms.ClearableFileInput(
                    attrs={
                        "accept": ".pdf,.docx,application/pdf,"
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    }
                ),
            )

    def clean_message(self):
        return clean_text(self.cleaned_data["message"])

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if upload:
            self.cv_format = cv_format(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.needs_contact and not any(self.shared().values()):
            raise forms.ValidationError(
                _("This venue answers by email or phone: tick at least one way for it to reach you."),
                code="no_contact",
            )
        return cleaned

    def shared(self):
        """Exactly the ticked details the member has; nothing else."""
        return {
            name: value if self.cleaned_data.get(f"share_{name}") and value else ""
            for name, value in self.available.items()
        }
