"""Moderators review message reports and see who opened which reported conversation."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Moderators"]
PERMISSIONS = [("messaging", "view_messagereport"), ("messaging", "change_messagereport"), ("messaging", "view_threadaccesslog")]


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial"), ("classifieds", "0002_staff_groups")]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS), migrations.RunPython.noop)]
