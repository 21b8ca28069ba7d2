import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import cleaned_photo, encode_webp
from core.validators import validate_single_line

from . import fulfilment
from .banners import POSITION_TAKEN, position_taken
from .models import ProductKind
from .providers import available_methods

TAX_ID = re.compile(r"^[0-9A-Z]{15,20}$")
# The longest a banner can be booked ahead, and the size a banner is shown at.
AD_BOOKING_HORIZON_DAYS = 180
AD_IMAGE_SIZE = (1200, 200)


class CheckoutForm(forms.Form):
    method = forms.ChoiceField(label=_("Pay with"), widget=forms.RadioSelect)
    invoice_name = forms.CharField(
        label=_("Name on the invoice"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("Your name, or your company's name for a company invoice."),
    )
    invoice_tax_id = forms.CharField(
        label=_("Company tax ID (optional)"),
        max_length=20,
        required=False,
        help_text=_("The 15 to 20 letters and digits of the unified social credit code."),
    )

    def __init__(self, *args, product, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.user = user
        self.fields["method"].choices = [(p.method, p.label) for p in available_methods()]
        if len(self.fields["method"].choices) == 1:
            self.fields["method"].initial = self.fields["method"].choices[0][0]
        delivery = fulfilment.handler_for(product.kind)
        if delivery is not None and delivery.targets is not None:
            # What the purchase is for (the listing to feature), offered by the app
            # that delivers it; stored in ``Order.listing``.
            self.fields["listing"] = forms.ModelChoiceField(
                label=delivery.target_label,
                queryset=delivery.targets(user),
                empty_label=None,
                error_messages={"invalid_choice": delivery.target_error},
            )
        if product.kind == ProductKind.AD_SLOT:
            self.fields["starts_on"] = forms.DateField(
                label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields["image"] = forms.FileField(
                label=_("Banner image"),
                help_text=_("JPEG, PNG or WebP, shown at %(width)s × %(height)s pixels.")
                % {"width": AD_IMAGE_SIZE[0], "height": AD_IMAGE_SIZE[1]},
            )
            self.fields["link_url"] = forms.URLField(
                label=_("Where the banner links to"), max_length=500, assume_scheme="https"
            )
            self.fields["alt_text"] = forms.CharField(
                label=_("What the banner says, for screen readers"),
                max_length=150,
                validators=[validate_single_line],
            )

    def clean_invoice_tax_id(self):
        value = self.cleaned_data["invoice_tax_id"].strip().upper()
        if value and not TAX_ID.match(value):
            raise forms.ValidationError(_("A tax ID is 15 to 20 capital letters and digits."))
        return value

    def clean_link_url(self):
        value = self.cleaned_data["link_url"]
        if not value.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Give a web address starting with https://"))
        return value

    def clean_image(self):
        upload = self.cleaned_data["image"]
        photo = cleaned_photo(
            upload,
            max_bytes=settings.LISTING_PHOTO_MAX_BYTES,
            max_pixels=settings.LISTING_PHOTO_MAX_PIXELS,
            longest_side=AD_IMAGE_SIZE[0],
        )
        return encode_webp(photo, "banner.webp")

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("Banners can start tomorrow at the earliest."))
        if day > today + timedelta(days=AD_BOOKING_HORIZON_DAYS):
            raise forms.ValidationError(
                _("Banners can be booked at most %(days)s days ahead.") % {"days": AD_BOOKING_HORIZON_DAYS}
            )
        return day

    def clean(self):
        data = super().clean()
        if self.product.kind == ProductKind.AD_SLOT and data.get("starts_on"):
            data["ends_on"] = data["starts_on"] + timedelta(days=self.product.days - 1)
            if position_taken(self.product.ad_position, data["starts_on"], data["ends_on"]):
                self.add_error("starts_on", POSITION_TAKEN)
        return data


class CancelForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, cancel this order"))
