from django.contrib import admin
from wagtail.models import Locale

from core.import_export import SpreadsheetAdmin

from .models import VenuePage
from .resources import VenueResource


@admin.register(VenuePage)
class VenueImportExportAdmin(SpreadsheetAdmin):
    """Spreadsheet import and export of venues; editing itself is in Wagtail."""

    resource_classes = [VenueResource]
    list_display = ["title", "district", "live"]
    list_filter = ["live", "district"]
    search_fields = ["title"]
    list_select_related = ["district"]

    def get_queryset(self, request):
        # One row per venue: the default language's pages (translations follow them).
        # Prefetched as the resource needs them, so an export runs a fixed number of queries.
        return (
            super()
            .get_queryset(request)
            .filter(locale=Locale.get_default())
            .select_related("district", "station")
            .prefetch_related("tagged_items__tag", "opening_periods")
        )

    def has_add_permission(self, request):
        return False  # pages are created in the page tree, or by import

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
