"""Shared pieces for spreadsheet import/export (django-import-export).

Import and export live in the Django admin (``/django-admin/``) for every app,
behind the ``import_<model>`` and ``export_<model>`` permissions, which only the
"Data editors" group holds. Every import is previewed as a dry run first.
"""

from django.utils.translation import gettext as _
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.widgets import ForeignKeyWidget

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore(value):
    """Undo ``neutralise`` so that an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class SafeExportResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = restore(value)


class SpreadsheetAdmin(ImportExportModelAdmin):
    """CSV and Excel only; formats that can carry macros or HTML are not offered."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]


class LookupWidget(ForeignKeyWidget):
    """A foreign key by a readable code; an unknown code is a clear row error
    (ForeignKeyWidget raises DoesNotExist, which aborts the whole preview)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            raise ValueError(
                _("There is no %(thing)s “%(value)s”.")
                % {"thing": self.model._meta.verbose_name, "value": value}
            ) from error
