"""Venues in and out of spreadsheets (R-CMS-6), for moving a whole directory in.

One row per venue in the default language, keyed by its slug. A new row becomes a
published page under the category its ``category`` column names; a known slug
updates that venue (and its translations' synchronised facts). Opening hours are one
cell: "mon 11:00-14:00, 17:30-22:00; tue 11:00-22:00" (days not named are closed).
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _
from import_export import fields
from wagtail.models import Locale, Page

from core.import_export import LookupWidget, SafeExportResource
from core.models import District, MetroStation
from core.translation import sync_translations

from . import hours
from .models import DirectoryCategoryPage, VenueOpeningPeriod, VenuePage

PAGE_ONLY_FIELDS = {"category", "tags", "hours"}


class VenueResource(SafeExportResource):
    category = fields.Field(column_name="category")
    district = fields.Field(
        attribute="district", column_name="district", widget=LookupWidget(District, "code")
    )
    station = fields.Field(
        attribute="station", column_name="station", widget=LookupWidget(MetroStation, "code")
    )
    tags = fields.Field(column_name="tags")
    hours = fields.Field(column_name="hours")

    class Meta:
        model = VenuePage
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "category",
            "title",
            "introduction",
            "address_en",
            "address_zh",
            "district",
            "station",
            "phone",
            "website",
            "email",
            "price_level",
            "tags",
            "hours",
            "latitude",
            "longitude",
        )
        export_order = fields
        clean_model_instances = False  # pages are checked in validate_instance below
        skip_diff = False

    def get_queryset(self):
        return (
            VenuePage.objects.filter(locale=Locale.get_default())
            .select_related("district", "station")
            .prefetch_related("tagged_items__tag", "opening_periods")
            .order_by("path")
        )

    # Categories by tree path, so neither export nor import asks for parents row by row.
    @property
    def categories(self):
        if not hasattr(self, "_categories"):
            pages = DirectoryCategoryPage.objects.filter(locale=Locale.get_default())
            self._categories = {page.path: page for page in pages}
        return self._categories

    def category_of(self, venue):
        return self.categories.get(venue.path[: -Page.steplen]) if venue.path else None

    def dehydrate_category(self, venue):
        category = getattr(venue, "_import_category", None) or self.category_of(venue)
        return category.slug if category else ""

    def dehydrate_tags(self, venue):
        return ", ".join(sorted(item.tag.name for item in venue.tagged_items.all()))

    def dehydrate_hours(self, venue):
        return hours.format_week(
            [hours.Period(p.weekday, p.opens, p.closes) for p in venue.opening_periods.all()]
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        slug = (row.get("category") or "").strip()
        category = next((c for c in self.categories.values() if c.slug == slug), None)
        if category is None:
            errors["category"] = [_("No directory category has the slug “%(slug)s”.") % {"slug": slug}]
        elif instance.pk and self.category_of(instance) != category:
            errors["category"] = [_("This venue is in another category; move it in the page tree instead.")]
        instance._import_category = category
        try:
            periods = hours.parse_week(str(row.get("hours") or ""))
            instance.opening_periods = [
                VenueOpeningPeriod(weekday=p.weekday, opens=p.opens, closes=p.closes) for p in periods
            ]
        except hours.HoursError as error:
            errors["hours"] = [_("Opening hours not understood near “%(text)s”.") % {"text": error}]
        names = [name.strip() for name in str(row.get("tags") or "").split(",") if name.strip()]
        if any(len(name) > 100 for name in names):
            errors["tags"] = [_("A tag can be at most 100 characters long.")]
        else:
            instance.tags.set(names)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            validate_slug(instance.slug or "")
        except ValidationError as error:
            errors["slug"] = error.messages
        row_fields = {name for name in self._meta.fields if name not in PAGE_ONLY_FIELDS}
        exclude = [f.name for f in VenuePage._meta.fields if f.name not in row_fields] + list(errors)
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        if is_create:
            instance.locale = instance._import_category.locale
            instance._import_category.add_child(instance=instance)
        instance.save_revision(log_action=True).publish()
        sync_translations(instance)
