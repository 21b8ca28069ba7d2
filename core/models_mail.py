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
