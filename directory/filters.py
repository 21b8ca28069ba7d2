import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField
from taggit.models import Tag

from core import page_cache
from core.filters import LocationFilterSet
from core.tags import tag_label, with_names

from . import hours
from .models import PRICE_LEVELS, VenueOpeningPeriod, VenuePage, open_now_q


class TagChoiceField(ModelChoiceField):
    """Tag choices named in the reader's language (labels are made when the form
    renders, so the active language decides)."""

    def label_from_instance(self, obj):
        return tag_label(obj)


class TagFilter(django_filters.ModelChoiceFilter):
    field_class = TagChoiceField


class VenueFilter(LocationFilterSet):
    tag = TagFilter(
        label=_("Tag"),
        # Only tags some venue carries: a tag used by articles alone would find nothing.
        queryset=with_names(Tag.objects.filter(directory_venuetag_items__isnull=False).distinct()).order_by(
            "name"
        ),
        to_field_name="slug",
        method="filter_tag",
        empty_label=_("Any tag"),
    )
    price = django_filters.ChoiceFilter(
        label=_("Price level"), field_name="price_level", choices=PRICE_LEVELS, empty_label=_("Any price")
    )
    open_now = django_filters.BooleanFilter(
        label=_("Open now"), method="filter_open_now", widget=django_filters.widgets.BooleanWidget
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("name", _("Name")), ("rating", _("Rating"))],
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = VenuePage
        fields = []

    def filter_tag(self, queryset, name, tag):
        return queryset.filter(tagged_items__tag=tag).distinct()

    def filter_open_now(self, queryset, name, value):
        if value:
            now = hours.local_now()
            # The list changes when any venue opens or closes, shown or not.
            times = VenueOpeningPeriod.objects.values_list("opens", "closes").distinct()
            page_cache.expire_at(hours.next_change({t for pair in times for t in pair}, now))
            return queryset.filter(open_now_q(now))
        return queryset

    def sort_by(self, queryset, name, value):
        if value == "rating":
            return queryset.order_by(F_desc_nulls_last("rating_average"), "title")
        return queryset.order_by("title")


def F_desc_nulls_last(name):  # noqa: N802 - reads like the F() it builds
    from django.db.models import F

    return F(name).desc(nulls_last=True)
