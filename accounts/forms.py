from allauth.account import forms as allauth_forms
from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multiline, validate_single_line

from .images import process_avatar
from .models import Profile
from .phone import normalise_phone


class ProfileForm(forms.ModelForm):
    avatar = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, up to 5 MB. We remove location and camera data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=32,
        help_text=_("With the country code for numbers outside mainland China, e.g. +44 7700 900123."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "avatar",
            "bio",
            "nationality",
            "preferred_language",
            "phone",
            "wechat_id",
            "show_email",
            "show_phone",
            "show_wechat",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 500})}

    def clean_display_name(self):
        value = self.cleaned_data["display_name"].strip()
        validate_single_line(value)
        return value

    def clean_bio(self):
        value = self.cleaned_data["bio"].strip()
        validate_multiline(value)
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return normalise_phone(value) if value.strip() else ""

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if upload is False:  # "clear" ticked
            return False
        if upload and upload is not self.initial.get("avatar"):
            return process_avatar(upload)
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.old_avatar_name = self.instance.avatar.name if self.instance.avatar else ""

    def save(self, commit=True):
        profile = super().save(commit=False)
        if "phone" in self.changed_data:
            profile.phone_verified_at = None
        if commit:
            profile.save()
            self.delete_replaced_avatar()
        return profile

    def delete_replaced_avatar(self):
        if self.old_avatar_name and self.old_avatar_name != (self.instance.avatar.name or ""):
            self.instance.avatar.storage.delete(self.old_avatar_name)


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["notify_messages", "notify_listing_expiry", "notify_saved_searches"]


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Enter the six digits from the SMS."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."), code="wrong_password")
        return password


EMAIL_MAX_LENGTH = 254


def limit_email_length(form):
    """allauth's email fields have no length limit of their own; the column does."""
    field = form.fields["email"]
    field.max_length = EMAIL_MAX_LENGTH
    field.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
    field.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_email_length(self)


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_email_length(self)
