from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multiline, validate_single_line

from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, Category, PrivacyRequestType, Status

WRITE_MESSAGE = _("Write your message.")
YOUR_MESSAGE = _("Your message")


def clean_body(value, message=WRITE_MESSAGE):
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(message, code="required")
    validate_multiline(value)
    return value


def clean_line(value):
    value = (value or "").strip()
    if not value:
        raise forms.ValidationError(_("This field is required."), code="required")
    validate_single_line(value)
    return value


def body_field(label=YOUR_MESSAGE, required=True):
    return forms.CharField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        required=required,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX_LENGTH}),
    )


class TicketForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    privacy_type = forms.ChoiceField(
        label=_("Privacy request"),
        choices=[("", _("(only for a privacy request)")), *PrivacyRequestType.choices],
        required=False,
        help_text=_("We answer privacy requests within 15 days."),
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=SUBJECT_MAX_LENGTH, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    body = body_field()

    def clean_subject(self):
        return clean_line(self.cleaned_data["subject"])

    def clean_body(self):
        return clean_body(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") == Category.PRIVACY:
            if not cleaned.get("privacy_type"):
                self.add_error("privacy_type", _("Choose what you would like us to do with your data."))
        else:
            cleaned["privacy_type"] = ""
        return cleaned


class ContactForm(TicketForm):
    """The public contact form. ``website`` is a honeypot: hidden from people, so
    only robots fill it in."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    field_order = ["name", "email", "category", "privacy_type", "subject", "body", "website"]

    def clean_name(self):
        return clean_line(self.cleaned_data["name"])


class ReplyForm(forms.Form):
    body = body_field(_("Your reply"))

    def clean_body(self):
        return clean_body(self.cleaned_data["body"], _("Write your reply."))


class StaffTicketForm(forms.Form):
    """What staff do on a ticket, in one go: reply, note, status, assignee."""

    reply = body_field(_("Reply to the requester (emailed to them)"), required=False)
    note = body_field(_("Internal note (staff only)"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)
        self.fields["assignee"].label_from_instance = lambda user: user.get_username()

    def clean_reply(self):
        value = self.cleaned_data["reply"].strip()
        validate_multiline(value)
        return value

    def clean_note(self):
        value = self.cleaned_data["note"].strip()
        validate_multiline(value)
        return value
