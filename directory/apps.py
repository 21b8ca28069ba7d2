from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from accounts.dashboard import Section, dashboard, public_profile
        from core.personal_data import Field, registry, staff_reference

        from . import purge, receivers  # noqa: F401 - receivers: review photo files follow their rows
        from .models import OwnershipClaim, Review, ReviewPhoto, ReviewReport, VenueEditProposal, VenuePage
        from .names import attach_item_titles

        purge.connect()

        registry.exempt(
            VenuePage,
            "A business's public address, phone and email, entered by editors, about no private person",
        )
        registry.declare(
            Review,
            owner="author",
            fields=[
                Field("text", "content", _("Your review, shown on the venue's page"), erase="delete_row"),
                Field("rating", "content", _("Your rating of the venue"), erase="delete_row"),
                staff_reference("moderated_by", _("Which moderator acted on the review")),
            ],
        )
        registry.declare(ReviewPhoto, owner="review__author", fields=[], files=["image"])
        registry.declare(
            VenueEditProposal,
            owner="proposer",
            fields=[
                Field("changes", "content", _("Changes you proposed to your venue"), erase="delete_row"),
                Field("note", "content", _("Your note to the editors"), erase="delete_row"),
                staff_reference("decided_by", _("Which editor decided the proposal")),
            ],
        )
        registry.declare(
            ReviewReport,
            owner="reporter",
            fields=[
                Field("created_at", "communications", _("When you reported a review"), erase="delete_row")
            ],
        )

        registry.declare(
            OwnershipClaim,
            owner="claimant",
            fields=[
                Field("role", "identity", _("Your role at the business you claimed"), erase="delete_row"),
                Field("contact_phone", "contact", _("Reaching you about your claim"), erase="delete_row"),
                staff_reference("decided_by", _("Which editor decided the claim")),
            ],
            files=["licence"],
        )

        def my_reviews(user):
            reviews = Review.objects.filter(author=user).select_related("venue").order_by("-created_at")
            return attach_item_titles(reviews)  # venue names in the reader's language

        def published_reviews(user):
            reviews = (
                Review.objects.filter(author=user, status=Review.Status.PUBLISHED)
                .select_related("venue")
                .order_by("-created_at")[:20]
            )
            return attach_item_titles(reviews)

        dashboard.register(
            Section(
                key="reviews",
                title=_("Venue reviews"),
                template="directory/dashboard_section.html",
                get_items=my_reviews,
                empty_text=_("You have not reviewed a venue yet."),
                order=20,
            )
        )
        public_profile.register(
            Section(
                key="reviews",
                title=_("Reviews"),
                template="directory/profile_section.html",
                get_items=published_reviews,
                order=20,
            )
        )
