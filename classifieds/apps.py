from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifiedsConfig(AppConfig):
    name = "classifieds"
    verbose_name = _("Classifieds")

    def ready(self):
        from django.conf import settings

        from accounts.dashboard import Section, dashboard, public_profile
        from core.personal_data import Field, Retention, registry

        from .models import AbuseReport, Listing, ListingPhoto

        registry.declare(
            Listing,
            owner="owner",
            fields=[
                Field("title", "content", "Your listing", erase="delete_row"),
                Field("description", "content", "Your listing", erase="delete_row"),
                Field("latitude", "content", "The map point you chose", erase="delete_row"),
                Field("longitude", "content", "The map point you chose", erase="delete_row"),
                Field("employer_name", "content", "Your job listing", erase="delete_row"),
                Field("created_at", "content", "When you posted", erase="delete_row"),
            ],
            retention=Retention(days=settings.CLASSIFIEDS_DELETED_RETENTION_DAYS, after="deleted_at"),
        )
        registry.declare(ListingPhoto, owner="listing__owner", fields=[], files=["image"])
        registry.declare(
            AbuseReport,
            owner="reporter",
            fields=[Field("details", "communications", "Your report to moderators", erase="delete_row")],
        )

        def my_listings(user):
            return (
                Listing.objects.owned_by(user)
                .select_related("district")
                .prefetch_related("photos")
                .order_by("-updated_at")
            )

        def published_listings(user):
            return (
                Listing.objects.visible()
                .filter(owner=user)
                .exclude(kind="personals")
                .select_related("district")
                .order_by("-bumped_at")[:20]
            )

        dashboard.register(
            Section(
                key="listings",
                title=_("Classified listings"),
                template="classifieds/dashboard_section.html",
                get_items=my_listings,
                empty_text=_("You have not posted a listing yet."),
                order=10,
            )
        )
        public_profile.register(
            Section(
                key="listings",
                title=_("Listings"),
                template="classifieds/profile_section.html",
                get_items=published_listings,
                order=10,
            )
        )
