"""Browse filters for each kind of listing (django-filter); every filter is a GET
parameter, so a filtered page is a shareable URL."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import LocationFilterSet

from .models import Condition, ItemCategory, JobType, Kind

SORTS = {
    "newest": ("-bumped_at", "-pk"),
    "price-low": ("price", "-bumped_at"),
    "price-high": ("-price", "-bumped_at"),
}
POSTED_WITHIN = [("1", _("Last 24 hours")), ("7", _("Last 7 days")), ("30", _("Last 30 days"))]


class ListingFilter(LocationFilterSet):
    posted = django_filters.ChoiceFilter(
        label=_("Posted"), choices=POSTED_WITHIN, method="filter_posted", empty_label=_("Any time")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("newest", _("Newest first")),
            ("price-low", _("Price: low to high")),
            ("price-high", _("Price: high to low")),
        ],
        method="sort_by",
        empty_label=None,
    )

    def filter_posted(self, queryset, name, value):
        return queryset.filter(bumped_at__gte=timezone.now() - timedelta(days=int(value)))

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))


class PriceRangeFilter(ListingFilter):
    price_min = django_filters.NumberFilter(
        field_name="price", lookup_expr="gte", label=_("Price from"), min_value=0, max_value=100_000_000
    )
    price_max = django_filters.NumberFilter(
        field_name="price", lookup_expr="lte", label=_("Price to"), min_value=0, max_value=100_000_000
    )


class HousingFilter(PriceRangeFilter):
    bedrooms = django_filters.NumberFilter(
        field_name="bedrooms", lookup_expr="gte", label=_("Bedrooms (at least)"), min_value=0, max_value=20
    )
    furnished = django_filters.BooleanFilter(label=_("Furnished"), widget=forms.NullBooleanSelect)


class JobsFilter(ListingFilter):
    job_type = django_filters.ChoiceFilter(
        label=_("Job type"), choices=JobType.choices, empty_label=_("Any type")
    )
    salary = django_filters.NumberFilter(
        field_name="salary_max",
        lookup_expr="gte",
        label=_("Salary at least (CNY/month)"),
        min_value=0,
        max_value=5_000_000,
    )
    visa_sponsorship = django_filters.BooleanFilter(
        label=_("Visa sponsorship"), widget=forms.NullBooleanSelect
    )


class BuySellFilter(PriceRangeFilter):
    item_category = django_filters.ChoiceFilter(
        label=_("Category"), choices=ItemCategory.choices, empty_label=_("Any category")
    )
    condition = django_filters.ChoiceFilter(
        label=_("Condition"), choices=Condition.choices, empty_label=_("Any")
    )


FILTERS = {
    Kind.HOUSING: HousingFilter,
    Kind.JOBS: JobsFilter,
    Kind.BUY_SELL: BuySellFilter,
    Kind.PERSONALS: ListingFilter,
}
