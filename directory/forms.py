from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalise_phone
from core.images import open_upload
from core.validators import validate_multiline, validate_single_line

from .models import OwnershipClaim, Review


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 3000})}

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        validate_multiline(value)
        return value


LICENCE_MAX_BYTES = 10 * 1024 * 1024


class ClaimForm(forms.ModelForm):
    class Meta:
        model = OwnershipClaim
        fields = ["role", "contact_phone", "licence"]
        widgets = {
            "licence": forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"})
        }

    def clean_role(self):
        value = self.cleaned_data["role"].strip()
        validate_single_line(value)
        return value

    def clean_contact_phone(self):
        return normalise_phone(self.cleaned_data["contact_phone"])

    def clean_licence(self):
        upload = self.cleaned_data["licence"]
        if upload.size > LICENCE_MAX_BYTES:
            raise forms.ValidationError(_("The document can be at most 10 MB."))
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if head.startswith(b"%PDF-"):
            return upload
        try:
            open_upload(upload, max_bytes=LICENCE_MAX_BYTES, max_pixels=60_000_000)
        except forms.ValidationError as error:
            raise forms.ValidationError(_("Upload the licence as a PDF, JPEG or PNG file.")) from error
        upload.seek(0)
        return upload


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["owner_reply"]
        widgets = {"owner_reply": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_owner_reply(self):
        value = self.cleaned_data["owner_reply"].strip()
        if not value:
            raise forms.ValidationError(_("Write a reply."))
        validate_multiline(value)
        return value
