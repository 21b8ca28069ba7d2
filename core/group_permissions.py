"""Data migrations that give staff groups their permissions.

operations = [migrations.RunPython(grant(["Moderators"], [("support", "view_ticket")]), noop)]
"""

from django.contrib.auth.management import create_permissions


def grant(groups, codes, create_groups=True):
    """A RunPython function adding the permissions ``codes`` ((app label, codename)
    pairs) to each group named in ``groups`` (created when missing, if asked)."""

    def run(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure they exist now.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        permissions = [
            permission
            for app_label, codename in codes
            if (
                permission := Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
            )
        ]
        for name in groups:
            group = (
                Group.objects.get_or_create(name=name)[0]
                if create_groups
                else Group.objects.filter(name=name).first()
            )
            if group is not None:
                group.permissions.add(*permissions)

    return run
