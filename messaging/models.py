"""Private messages between members (R-MSG-1) and enquiries to businesses (R-MSG-2).

A thread has exactly two members, each with their own read mark, archive and mute.
It is about a listing (an enquiry on a classified or a job application), a venue
(an enquiry delivered to its approved owner) or nothing (a direct conversation).
Its ``key`` makes "the one thread between these two about this thing" unique.
"""

import uuid
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 5000
ENQUIRY_MAX_LENGTH = 3000
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def private_documents():
    """CVs are private files, never under MEDIA_URL: served only to the two parties."""
    return storages["private_documents"]


class Thread(models.Model):
    key = models.CharField(max_length=120, unique=True, editable=False)
    listing = models.ForeignKey(
        "classifieds.Listing",
        verbose_name=_("listing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
    )
    venue = models.ForeignKey(
        "directory.VenuePage",
        verbose_name=_("venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("messaging:thread", args=[self.pk])

    @property
    def subject(self):
        if self.listing_id and self.listing:
            return self.listing.title
        if self.venue_id and self.venue:
            return self.venue.title
        return ""


class ThreadMember(models.Model):
    """One member's place in a thread: what they have read, archived or muted."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_memberships"
    )
    last_read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last read at"))
    archived_at = models.DateTimeField(null=True, blank=True, verbose_name=_("archived at"))
    muted = models.BooleanField(_("no emails about this conversation"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_membership_per_thread")]
        indexes = [models.Index(fields=["user", "archived_at"], name="inbox_lookup")]
        verbose_name = _("conversation member")
        verbose_name_plural = _("conversation members")

    def __str__(self):
        return f"{self.thread_id}/{self.user_id}"


class Message(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Delivered")
        HELD = "held", _("Held for a moderator")
        REMOVED = "removed", _("Removed by a moderator")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    # sha256 of the normalised text: finds the same text sent to many members.
    fingerprint = models.CharField(
        max_length=64, db_index=True, editable=False, verbose_name=_("fingerprint")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "created_at"], name="thread_messages"),
            models.Index(fields=["sender", "fingerprint", "created_at"], name="message_repeats"),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        # Never the text: staff lists must not show private messages.
        return _("Message #%(pk)s") % {"pk": self.pk}


def cv_upload_to(enquiry, filename):
    # A random name: the original file name often holds the applicant's name.
    return f"cvs/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:5]}"


class Enquiry(models.Model):
    """An enquiry to a venue or a job application, with exactly the contact details
    the member chose to share (copied at the time of sending)."""

    class Kind(models.TextChoices):
        VENUE = "venue", _("Enquiry to a venue")
        JOB = "job", _("Job application")

    class Delivery(models.TextChoices):
        THREAD = "thread", _("Message to the owner on Longtang")
        EMAIL = "email", _("Email to the business")

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enquiries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    venue = models.ForeignKey(
        "directory.VenuePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    listing = models.ForeignKey(
        "classifieds.Listing", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="enquiries"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_enquiries",
        verbose_name=_("recipient"),
    )
    delivered_to_email = models.EmailField(blank=True)
    about = models.CharField(_("about"), max_length=200)
    message = models.TextField(_("message"), max_length=ENQUIRY_MAX_LENGTH)
    shared_email = models.EmailField(_("email shared"), blank=True)
    shared_phone = models.CharField(_("phone shared"), max_length=32, blank=True)
    shared_wechat = models.CharField(_("WeChat ID shared"), max_length=20, blank=True)
    cv = models.FileField(
        _("CV"), upload_to=cv_upload_to, storage=private_documents, blank=True, max_length=200
    )
    cv_format = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("created at"))
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.about}"

    @property
    def shared_nothing(self):
        return not (self.shared_email or self.shared_phone or self.shared_wechat)


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_received",
        verbose_name=_("blocked member"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="no_blocking_oneself"),
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self):
        return f"{self.blocker_id} → {self.blocked_id}"


class MessageReport(models.Model):
    """A member's report of a message, or a message held automatically. Opening the
    report is the only way staff can read the thread it belongs to."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        SCAM = "scam", _("Scam or fraud")
        HARASSMENT = "harassment", _("Harassment or threats")
        OFFENSIVE = "offensive", _("Offensive or illegal")
        OTHER = "other", _("Something else")
        HELD = "held", _("Held automatically: the same text sent to many members")

    class Action(models.TextChoices):
        DISMISSED = "dismissed", _("Dismissed")
        WARNED = "warned", _("Sender warned")
        REMOVED = "removed", _("Message removed")
        SUSPENDED = "suspended", _("Sender's account suspended")
        RELEASED = "released", _("Message delivered")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_reports",
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    action = models.CharField(_("action taken"), max_length=12, choices=Action.choices, blank=True)
    moderator_note = models.TextField(_("note to the sender"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=Q(reporter__isnull=False),
                name="one_report_per_member_per_message",
            ),
            models.UniqueConstraint(
                fields=["message"], condition=Q(reporter__isnull=True), name="one_hold_per_message"
            ),
        ]
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")

    def __str__(self):
        return _("Report #%(pk)s: %(reason)s") % {"pk": self.pk, "reason": self.get_reason_display()}

    @property
    def is_open(self):
        return self.resolved_at is None


class ThreadAccessLog(models.Model):
    """Every time a staff member opens a reported thread."""

    thread = models.ForeignKey(Thread, on_delete=models.SET_NULL, null=True, related_name="+")
    report = models.ForeignKey(MessageReport, on_delete=models.SET_NULL, null=True, related_name="accesses")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accessed_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = _("reported conversation opened")
        verbose_name_plural = _("reported conversations opened")

    def __str__(self):
        return f"{self.staff_id} → {self.thread_id} ({self.accessed_at:%Y-%m-%d %H:%M})"
