"""Editors write, preview, test and schedule campaigns and edit the lists."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Editors"]
PERMISSIONS = [
    ("newsletters", f"{action}_{model}")
    for model in ("campaign", "newsletterlist")
    for action in ("add", "change", "view")
]


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0002_lists_and_member_choices"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS, create_groups=False), migrations.RunPython.noop)]
