"""Support tickets (R-COMM-4): from the contact form (visitors) or from members.

A ticket holds the conversation between the person who asked and the staff who
answer (``TicketMessage``), internal notes staff leave for each other
(``is_internal``: never shown to the person who asked), and its status history
(``TicketStatusChange``). A privacy request carries its type and a due date.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 5000
PRIVACY_REQUEST_DAYS = 15


class Category(models.TextChoices):
    ACCOUNT = "account", _("My account")
    LISTING = "listing", _("A listing or post")
    PAYMENT = "payment", _("A payment")
    PRIVACY = "privacy", _("A privacy request")
    OTHER = "other", _("Something else")


class PrivacyRequestType(models.TextChoices):
    ACCESS = "access", _("A copy of my personal data")
    CORRECTION = "correction", _("Correct my personal data")
    DELETION = "deletion", _("Delete my personal data")
    OPT_OUT = "opt_out", _("Stop using my data for marketing")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for a reply")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", pgettext_lazy("support ticket status", "Closed")


DONE = (Status.RESOLVED, Status.CLOSED)


class TicketQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The member's own tickets: anyone else's are simply not found."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(requester=user)

    def pending(self):
        return self.exclude(status__in=DONE)

    def overdue(self, now=None):
        """Privacy requests still not resolved after their due date."""
        return self.pending().filter(category=Category.PRIVACY, due_at__lt=now or timezone.now())


class Ticket(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="support_tickets",
    )
    # A visitor's name and email as typed in the contact form; a member's copied
    # from their account when the ticket was opened.
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"))
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    privacy_type = models.CharField(
        _("privacy request"), max_length=12, choices=PrivacyRequestType.choices, blank=True
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        limit_choices_to={"is_staff": True},
    )
    from_contact_form = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("opened at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)
    due_at = models.DateTimeField(_("due by"), null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["requester", "updated_at"], name="support_my_tickets")]
        constraints = [
            models.CheckConstraint(
                condition=Q(category="privacy", due_at__isnull=False) | ~Q(category="privacy"),
                name="privacy_request_has_due_date",
            )
        ]
        verbose_name = _("support ticket")
        verbose_name_plural = _("support tickets")

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def save(self, *args, **kwargs):
        if self.category == Category.PRIVACY and self.due_at is None:
            self.due_at = self.created_at + timedelta(days=PRIVACY_REQUEST_DAYS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("support:ticket", args=[self.pk])

    @property
    def is_overdue(self):
        return (
            self.category == Category.PRIVACY
            and self.status not in DONE
            and self.due_at is not None
            and self.due_at < timezone.now()
        )


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    from_staff = models.BooleanField(default=False)
    # A note between staff: never shown to the person who asked.
    is_internal = models.BooleanField(_("internal note"), default=False)
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")

    def __str__(self):
        return _("Message #%(pk)s") % {"pk": self.pk}


class TicketStatusChange(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=10, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ticket status change")
        verbose_name_plural = _("ticket status changes")

    def __str__(self):
        return f"{self.old_status or '-'} → {self.new_status}"
