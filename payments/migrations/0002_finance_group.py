"""The Finance group runs payments: matches bank transfers, refunds, adjusts credits,
reviews banners, edits the price list and reads the reports."""

from django.db import migrations

from core.group_permissions import grant

GROUPS = ["Finance"]
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("payments", f"{action}_{model}")
        for model in ("order", "invoice", "creditentry", "paymentnotification", "adbooking")
        for action in ("view", "change")
    ],
    ("payments", "add_creditentry"),
    *[("payments", f"{action}_product") for action in ("view", "add", "change", "import", "export")],
    *[("payments", f"export_{model}") for model in ("order", "invoice", "creditentry")],
]


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant(GROUPS, PERMISSIONS), migrations.RunPython.noop)]
