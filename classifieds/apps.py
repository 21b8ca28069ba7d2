from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifiedsConfig(AppConfig):
    name = "classifieds"
    verbose_name = _("Classifieds")

    def ready(self):
        from django.conf import settings

        from accounts.dashboard import Section, dashboard, public_profile
        from core.personal_data import Field, Retention, registry, staff_reference

        from . import receivers  # noqa: F401 - photo files follow their rows
        from .models import AbuseReport, Listing, ListingPhoto

        registry.declare(
            Listing,
            owner="owner",
            fields=[
                Field("title", "content", _("Your listing"), erase="delete_row"),
                Field("description", "content", _("Your listing"), erase="delete_row"),
                Field("latitude", "content", _("The map point you chose"), erase="delete_row"),
                Field("longitude", "content", _("The map point you chose"), erase="delete_row"),
                Field("employer_name", "content", _("Your job listing"), erase="delete_row"),
                Field("created_at", "content", _("When you posted"), erase="delete_row"),
                staff_reference("moderated_by", _("Which moderator acted on the listing")),
            ],
            retention=Retention(days=settings.CLASSIFIEDS_DELETED_RETENTION_DAYS, after="deleted_at"),
        )
        registry.declare(ListingPhoto, owner="listing__owner", fields=[], files=["image"])
        registry.declare(
            AbuseReport,
            owner="reporter",
            fields=[
                Field("details", "communications", _("Your report to moderators"), erase="delete_row"),
                staff_reference("resolved_by", _("Which moderator handled the report")),
            ],
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
