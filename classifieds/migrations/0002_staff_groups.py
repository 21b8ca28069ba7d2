"""The staff groups that work with listings: moderators and data editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Moderators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("classifieds", "listing", "view_listing"),
        ("classifieds", "listing", "change_listing"),
        ("classifieds", "abusereport", "view_abusereport"),
        ("classifieds", "abusereport", "change_abusereport"),
    ],
    "Data editors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("classifieds", "listing", "view_listing"),
        ("classifieds", "listing", "import_listing"),
        ("classifieds", "listing", "export_listing"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in codes:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("classifieds", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
