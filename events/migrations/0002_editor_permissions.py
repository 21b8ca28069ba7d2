"""Editors and moderators may look up who sent an event in (the submissions list)."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Moderators", "Editors"]
PERMISSIONS = [("events", "view_eventsubmission")]


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("wagtailcore", "0002_initial_data"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS, create_groups=False), migrations.RunPython.noop)]
