"""Moderators handle support tickets."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Moderators"]
PERMISSIONS = [("support", "view_ticket"), ("support", "change_ticket")]


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial"), ("classifieds", "0002_staff_groups")]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS), migrations.RunPython.noop)]
