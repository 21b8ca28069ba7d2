"""Data editors may import and export venues, as they do listings."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Data editors"]
PERMISSIONS = [("directory", "view_venuepage"), ("directory", "import_venuepage"), ("directory", "export_venuepage")]


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_proposals_photos_spreadsheets"), ("classifieds", "0002_staff_groups")]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS), migrations.RunPython.noop)]
