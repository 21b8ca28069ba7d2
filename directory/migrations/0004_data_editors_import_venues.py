"""Data editors may import and export venues, as they do listings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODES = ["view_venuepage", "import_venuepage", "export_venuepage"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("directory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Data editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="directory", codename__in=CODES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_proposals_photos_spreadsheets"),
        ("classifieds", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
