"""What members add to venues: reviews (with photos), reports, ownership claims and
owners' proposed fact edits. Shared by both languages: keyed to the original page."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .pages import VenuePage


def private_documents():
    """Claim documents are private files, never under MEDIA_URL (see STORAGES)."""
    return storages["private_documents"]


class ReviewQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Review(index.Indexed, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")

    venue = models.ForeignKey(VenuePage, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_reviews"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), max_length=3000)
    # Guessed from the text on every save (see save()); readers of the other
    # locale see a label and screen readers the right language.
    language = models.CharField(
        _("language of the review"), max_length=10, choices=settings.LANGUAGES, default="en", editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    removal_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)
    owner_reply = models.TextField(_("reply from the venue"), max_length=2000, blank=True)
    owner_replied_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.FilterField("status"),
        index.FilterField("venue"),
        index.RelatedFields("venue", [index.SearchField("title")]),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "author"], name="one_review_per_member_per_venue")
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.rating}★ {self.venue.title} ({self.author})"

    def save(self, *args, **kwargs):
        """Members do not say which language they wrote in: any Chinese character
        makes the review Chinese. Saves that leave the text alone keep it."""
        from core.content_language import detect

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "text" in update_fields:
            self.language = detect(self.text)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "language"}
        super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        # Only published reviews are ever in the search index.
        return cls.objects.filter(status=cls.Status.PUBLISHED)


class ReviewReport(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "reporter"], name="one_report_per_member_per_review")
        ]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self):
        return f"{self.review_id} by {self.reporter_id}"


def licence_upload_to(claim, filename):
    return f"claims/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:5]}"


class OwnershipClaim(models.Model):
    """A member's claim to run a venue, with proof, decided by editors. An approved
    owner gets a badge on the venue and may reply once to each review."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    venue = models.ForeignKey(VenuePage, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_claims"
    )
    role = models.CharField(_("your role"), max_length=100, help_text=_("e.g. owner, manager"))
    contact_phone = models.CharField(_("business phone"), max_length=32)
    licence = models.FileField(
        _("business licence"), upload_to=licence_upload_to, storage=private_documents, max_length=200
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.CharField(_("note to the claimant"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "claimant"],
                condition=Q(status__in=["pending", "approved"]),
                name="one_open_claim_per_member_per_venue",
            )
        ]
        verbose_name = _("ownership claim")
        verbose_name_plural = _("ownership claims")

    def __str__(self):
        return f"{self.venue.title}: {self.claimant}"


def review_photo_upload_to(photo, filename):
    return f"reviews/{uuid.uuid4().hex}.webp"


class ReviewPhoto(models.Model):
    """A photo with a review, re-encoded as WebP without metadata; public only while
    the review is published."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to=review_photo_upload_to, width_field="width", height_field="height", verbose_name=_("image")
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")

    def __str__(self):
        return self.image.name


class VenueEditProposal(models.Model):
    """New facts for a venue proposed by its approved owner. Nothing changes on the
    site until an editor applies the proposal."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        APPLIED = "applied", _("Applied")
        REJECTED = "rejected", _("Rejected")

    venue = models.ForeignKey(VenuePage, on_delete=models.CASCADE, related_name="edit_proposals")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_edit_proposals"
    )
    # {field name: new value}; opening hours as the written week ("mon 11:00-22:00; ...").
    changes = models.JSONField(_("proposed changes"))
    note = models.CharField(_("note to the editors"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.CharField(_("note to the owner"), max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "proposer"],
                condition=Q(status="pending"),
                name="one_pending_proposal_per_owner_per_venue",
            )
        ]
        verbose_name = _("venue edit proposal")
        verbose_name_plural = _("venue edit proposals")

    def __str__(self):
        return f"{self.venue.title}: {self.proposer}"

    def change_rows(self):
        """(label, now, proposed) for each proposed change, for the editor's review."""
        from ..proposals import current_facts

        venue = self.venue.specific
        now = current_facts(venue)
        labels = {name: venue._meta.get_field(name).verbose_name for name in now if name != "hours"}
        labels["hours"] = _("opening hours")
        return [(labels.get(name, name), now.get(name), value) for name, value in self.changes.items()]
