"""Editors and moderators may look up who sent an event in (the submissions list)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Moderators", "Editors"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="events", content_type__model="eventsubmission", codename="view_eventsubmission"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
