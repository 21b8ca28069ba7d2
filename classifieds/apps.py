from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifiedsConfig(AppConfig):
    name = "classifieds"
    verbose_name = _("Classifieds")

    def ready(self):
        from django.conf import settings

        from accounts.dashboard import Section, dashboard, public_profile
        from core.personal_data import Field, Retention, registry, staff_reference
        from payments.fulfilment import Fulfilment
        from payments.fulfilment import register as sell
        from payments.models import ProductKind

        from . import (
            featuring,
            purge,
            receivers,  # noqa: F401 - photo files follow their rows
        )
        from .models import AbuseReport, Listing, ListingPhoto, SavedSearch, SavedSearchAlert

        purge.connect()

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

        registry.declare(
            SavedSearch,
            owner="owner",
            fields=[
                Field("name", "preferences", _("Your saved searches and their alerts"), erase="delete_row"),
                Field("kind", "preferences", _("Your saved searches and their alerts"), erase="delete_row"),
                Field(
                    "filters", "preferences", _("Your saved searches and their alerts"), erase="delete_row"
                ),
                Field(
                    "frequency", "preferences", _("Your saved searches and their alerts"), erase="delete_row"
                ),
                Field(
                    "created_at", "preferences", _("Your saved searches and their alerts"), erase="delete_row"
                ),
            ],
        )
        registry.declare(
            SavedSearchAlert,
            owner="saved_search__owner",
            fields=[
                Field(
                    "listing",
                    "communications",
                    _("Which listings we emailed you about, so none is sent twice"),
                    erase="delete_row",
                ),
                Field(
                    "sent_at",
                    "communications",
                    _("Which listings we emailed you about, so none is sent twice"),
                    erase="delete_row",
                ),
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
        dashboard.register(
            Section(
                key="saved-searches",
                title=_("Saved searches"),
                template="classifieds/saved_searches_section.html",
                get_items=lambda user: SavedSearch.objects.owned_by(user).order_by("-created_at", "-pk"),
                empty_text=_(
                    "You have no saved searches. Set filters on a classifieds page and choose “Save this search”."
                ),
                order=15,
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

        # Payments sells featured runs; delivering them is this app's job.
        sell(
            ProductKind.FEATURED,
            Fulfilment(
                fulfil=featuring.extend,
                refund=featuring.shorten,
                targets=featuring.featurable_listings,
                target_label=_("Listing to feature"),
                target_error=_("Choose one of your published listings."),
            ),
        )
