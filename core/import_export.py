"""Shared pieces for spreadsheet import/export (django-import-export).

Import and export live in the Django admin (``/django-admin/``) for every app,
behind the ``import_<model>`` and ``export_<model>`` permissions, which only the
"Data editors" group holds. Every import is previewed as a dry run first.
"""

from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeExportResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class SpreadsheetAdmin(ImportExportModelAdmin):
    """CSV and Excel only; formats that can carry macros or HTML are not offered."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
