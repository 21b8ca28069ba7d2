import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import MultipleImageField
from core.models import MetroStation
from core.validators import validate_multiline, validate_single_line

from .models import AbuseReport, Kind, Listing

COMMON_FIELDS = [
    "title",
    "description",
    "language",
    "district",
    "station",
    "latitude",
    "longitude",
    "show_phone",
    "show_wechat",
    "show_email",
]
KIND_FIELDS = {
    Kind.HOUSING: [
        "price",
        "deposit_terms",
        "size_m2",
        "bedrooms",
        "bathrooms",
        "furnished",
        "available_from",
        "lease_months",
        "lister_type",
    ],
    Kind.JOBS: [
        "employer_name",
        "role",
        "salary_min",
        "salary_max",
        "job_type",
        "industry",
        "visa_sponsorship",
    ],
    Kind.BUY_SELL: ["price", "item_category", "condition", "delivery_possible"],
    Kind.PERSONALS: [],
}
REQUIRED = {
    Kind.HOUSING: ["price", "district", "bedrooms"],
    Kind.JOBS: ["employer_name", "role", "job_type"],
    Kind.BUY_SELL: ["price", "item_category", "condition"],
    Kind.PERSONALS: ["district"],
}
PRICE_LIMITS = {Kind.HOUSING: Decimal("1000000"), Kind.BUY_SELL: Decimal("10000000")}
SALARY_LIMIT = Decimal("5000000")
# Fields whose change sends a published listing back to moderation.
SUBSTANTIVE = {"title", "description", "price", "employer_name", "role", "salary_min", "salary_max"}

# Contact details hidden in the text of a personals ad.
CONTACT_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    re.compile(r"(?:\+?\d[\s-]?){7,}"),
    re.compile(r"(?i)\b(?:wechat|weixin|wx|vx|whatsapp|telegram|qq)\b|微信|加我|电话"),
]


class ListingForm(forms.ModelForm):
    photos = MultipleImageField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 10 photos: JPEG, PNG, WebP or GIF, 10 MB each. Location data is removed."),
        max_bytes=settings.LISTING_PHOTO_MAX_BYTES,
        max_pixels=settings.LISTING_PHOTO_MAX_PIXELS,
    )
    kind = None

    class Meta:
        model = Listing
        fields = COMMON_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
            "available_from": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED[self.kind]:
            self.fields[name].required = True
        self.fields["station"].queryset = MetroStation.objects.order_by("name_en")
        if self.kind == Kind.HOUSING:
            self.fields["price"].label = _("Rent per month (CNY)")

    def clean_title(self):
        value = self.cleaned_data["title"].strip()
        validate_single_line(value)
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        validate_multiline(value)
        return value

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None:
            if price < 0:
                raise ValidationError(_("The price cannot be negative."))
            if price > PRICE_LIMITS.get(self.kind, Decimal("10000000")):
                raise ValidationError(_("That price is not realistic. Check the number of zeros."))
        return price

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        existing = self.instance.photos.count() if self.instance.pk else 0
        if existing + len(photos) > settings.LISTING_MAX_PHOTOS:
            raise ValidationError(
                _("A listing can have at most %(max)s photos.") % {"max": settings.LISTING_MAX_PHOTOS}
            )
        return photos

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        for name, value in (("salary_min", low), ("salary_max", high)):
            if value is not None and not (0 <= value <= SALARY_LIMIT):
                self.add_error(name, _("Enter a monthly salary between 0 and 5,000,000."))
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The top of the range must not be below its bottom."))
        station, district = cleaned.get("station"), cleaned.get("district")
        if station and district and station.district_id and station.district_id != district.pk:
            self.add_error("station", _("This station is not in the chosen district."))
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned

    def substantive_change(self):
        return bool(SUBSTANTIVE & set(self.changed_data)) or bool(self.cleaned_data.get("photos"))


class PersonalsForm(ListingForm):
    adult = forms.BooleanField(
        label=_("I am 18 or older, and so is everyone this ad is about."),
        required=True,
    )

    def clean(self):
        cleaned = super().clean()
        text = f"{cleaned.get('title', '')} {cleaned.get('description', '')}"
        if any(p.search(text) for p in CONTACT_PATTERNS):
            self.add_error(
                "description",
                _(
                    "Personal ads may not contain phone numbers, emails or chat IDs: people reply through messages."
                ),
            )
        return cleaned


def listing_form_class(kind):
    base = PersonalsForm if kind == Kind.PERSONALS else ListingForm
    fields = COMMON_FIELDS + KIND_FIELDS[kind]
    if kind == Kind.PERSONALS:
        fields = [f for f in fields if f not in {"show_phone", "show_wechat", "show_email"}]
    meta = type("Meta", (ListingForm.Meta,), {"fields": fields})
    return type(f"{kind.title().replace('-', '')}ListingForm", (base,), {"Meta": meta, "kind": kind})


class ReportForm(forms.ModelForm):
    class Meta:
        model = AbuseReport
        fields = ["reason", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_details(self):
        value = self.cleaned_data["details"].strip()
        validate_multiline(value)
        return value


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the poster"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
