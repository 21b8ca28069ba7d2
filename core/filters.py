"""Location filters shared by every browse page (listings, venues, events)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import District, MetroLine


class LocationFilterSet(django_filters.FilterSet):
    """District and metro line, for models with ``district`` and ``station`` fields.

    A station stands once on each line, so filtering by line adds no duplicate rows.
    """

    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        empty_label=_("Any district"),
    )
    line = django_filters.ModelChoiceFilter(
        label=_("Metro line"),
        queryset=MetroLine.objects.all(),
        to_field_name="code",
        field_name="station__lines",
        empty_label=_("Any line"),
        distinct=False,
    )
