import phonenumbers
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalise_phone
from core.forms import MultipleImageField
from core.images import open_upload
from core.validators import validate_multiline, validate_single_line

from . import hours, proposals
from .models import PRICE_LEVELS, WEEKDAYS, OwnershipClaim, Review, ReviewPhoto


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    photos = MultipleImageField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 4 photos: JPEG, PNG, WebP or GIF, 10 MB each. Location data is removed."),
        max_bytes=settings.REVIEW_PHOTO_MAX_BYTES,
        max_pixels=settings.LISTING_PHOTO_MAX_PIXELS,
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("Remove these photos"),
        queryset=ReviewPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 3000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Only this review's own photos can be chosen: another review's ids are invalid.
            self.fields["remove_photos"].queryset = self.instance.photos.all()
            self.fields["remove_photos"].label_from_instance = lambda photo: (
                _("Photo %(number)s") % {"number": photo.pk}
            )
        else:
            del self.fields["remove_photos"]

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        validate_multiline(value)
        return value

    def clean(self):
        cleaned = super().clean()
        kept = 0
        if self.instance.pk:
            kept = self.instance.photos.count() - len(cleaned.get("remove_photos") or [])
        if kept + len(cleaned.get("photos") or []) > settings.REVIEW_MAX_PHOTOS:
            self.add_error(
                "photos",
                _("A review can have at most %(max)s photos.") % {"max": settings.REVIEW_MAX_PHOTOS},
            )
        return cleaned


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


def international_phone(raw):
    """A valid phone number, written the way visitors read it (+86 21 6433 1234)."""
    e164 = normalise_phone(raw)
    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class VenueEditProposalForm(forms.Form):
    """The facts of a venue as its owner would have them. Opening hours are written
    one day per line: "11:00-14:00, 17:30-22:00", or "closed"."""

    address_en = forms.CharField(label=_("Address in English"), max_length=200)
    address_zh = forms.CharField(label=_("Address in Chinese"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Email for enquiries"), max_length=254, required=False)
    price_level = forms.TypedChoiceField(
        label=_("Price level"),
        choices=[("", "—"), *PRICE_LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the editors"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def __init__(self, *args, venue, **kwargs):
        self.venue = venue
        facts = proposals.current_facts(venue)
        day_text = {day: hours.format_day(periods) for day, periods in hours.week_table(venue.periods)}
        initial = {**facts, **{f"hours_{day}": text or _("closed") for day, text in day_text.items()}}
        super().__init__(*args, initial=initial, **kwargs)
        for day, name in WEEKDAYS:
            self.fields[f"hours_{day}"] = forms.CharField(
                label=name,
                max_length=60,
                required=False,
                help_text=_("e.g. 11:00-14:00, 17:30-22:00 — or “closed”") if day == 0 else "",
            )
        self.changes = {}

    def clean_address_en(self):
        value = self.cleaned_data["address_en"].strip()
        validate_single_line(value)
        return value

    def clean_address_zh(self):
        value = self.cleaned_data["address_zh"].strip()
        validate_single_line(value)
        return value

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        return international_phone(raw) if raw else ""

    def clean_note(self):
        value = self.cleaned_data["note"].strip()
        validate_multiline(value)
        return value

    def clean(self):
        cleaned = super().clean()
        periods = []
        for day, _name in WEEKDAYS:
            field = f"hours_{day}"
            try:
                periods += hours.parse_day(day, cleaned.get(field, ""))
            except hours.HoursError:
                self.add_error(
                    field,
                    _("Write times as 11:00-22:00, several separated by commas (at most 3), or “closed”."),
                )
        if self.errors:
            return cleaned
        proposed = {name: cleaned[name] for name in proposals.FIELDS}
        proposed[proposals.HOURS] = hours.format_week(periods)
        self.changes = proposals.changed_facts(self.venue, proposed)
        if not self.changes:
            raise forms.ValidationError(_("You have not changed anything."))
        return cleaned
