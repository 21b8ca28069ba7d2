import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from articles import demo as articles_demo
from classifieds import demo as classifieds_demo
from directory import demo as directory_demo
from events import demo as events_demo
from home import demo as home_demo
from payments import demo as payments_demo
from privacy_pages import demo as policy_demo

# Each app that has demo content adds its builder here, in dependency order.
BUILDERS = [
    ("pages", home_demo.build),
    ("policy pages", policy_demo.build),
    ("classifieds", classifieds_demo.build),
    ("directory", directory_demo.build),
    ("events", events_demo.build),
    ("price list", payments_demo.build),
    ("city guide", articles_demo.build),
]


class Command(BaseCommand):
    help = "Build the demo site in English and Chinese and an admin user. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument(
            "--admin-password", default=None, help="Use this password instead of a random one."
        )

    def handle(self, *args, admin_username, admin_password, **options):
        for label, build in BUILDERS:
            build()
            self.stdout.write(f"Demo {label}: ready")
        password = admin_password or secrets.token_urlsafe(12)
        with transaction.atomic():
            User = get_user_model()
            admin, _ = User.objects.get_or_create(
                username=admin_username, defaults={"email": f"{admin_username}@longtang.local"}
            )
            admin.is_staff = admin.is_superuser = admin.is_active = True
            admin.set_password(password)
            admin.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin login: http://127.0.0.1:8000/admin/\n"
                f"  username: {admin_username}\n  password: {password}\n"
            )
        )
