from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One row per email that must go out at most once (a retried task finds its
    key and sends nothing). Holds no address, only what the email was about."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self):
        return self.key


class SuppressedAddress(models.Model):
    """An address that gets no more non-essential email: it bounced for good, its
    owner marked our mail as spam, or asked us to stop everything."""

    BOUNCED = "bounced"
    COMPLAINED = "complained"
    UNSUBSCRIBED = "unsubscribed"
    REASONS = [
        (BOUNCED, _("Emails to this address bounced")),
        (COMPLAINED, _("Our email was marked as spam")),
        (UNSUBSCRIBED, _("Asked for no more email")),
    ]

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=REASONS)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("suppressed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return f"{self.email} ({self.reason})"

    @staticmethod
    def normalise(email):
        return (email or "").strip().lower()

    @classmethod
    def is_suppressed(cls, email):
        return cls.objects.filter(email=cls.normalise(email)).exists()

    @classmethod
    def suppress(cls, email, reason, detail=""):
        row, _ = cls.objects.update_or_create(
            email=cls.normalise(email), defaults={"reason": reason, "detail": detail[:300]}
        )
        return row


class WebhookReceipt(models.Model):
    """The token of every signed webhook call taken: the same call posted again is a
    replay and is refused."""

    token = models.CharField(max_length=200, unique=True)
    timestamp = models.BigIntegerField()
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook receipt")
        verbose_name_plural = _("webhook receipts")

    def __str__(self):
        return self.token
