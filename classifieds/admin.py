from django.contrib import admin

from core.import_export import SpreadsheetAdmin

from .models import Listing
from .resources import ListingResource


@admin.register(Listing)
class ListingImportExportAdmin(SpreadsheetAdmin):
    """Spreadsheet import and export of listings; moderation itself is in Wagtail."""

    resource_classes = [ListingResource]
    list_display = ["title", "kind", "status", "owner", "bumped_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "moderated_by", "district", "station"]

    def get_queryset(self, request):
        # The export reads these for every row: one join instead of a query per row.
        return super().get_queryset(request).select_related("owner", "district", "station")
