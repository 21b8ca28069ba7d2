"""The request log (R-LOG-1): one row per sampled request, minimised when written.

The IP address is never stored whole: IPv4 addresses keep their /24 network (the last
octet becomes 0) and IPv6 addresses their /48 network. The user agent is stored only
as browser, operating system and device kind; the referrer and the path lose their
query strings. Rows are purged by the retention job (see privacy/declarations.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestLogEntry(models.Model):
    created_at = models.DateTimeField(_("time"), db_index=True)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=300)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    referrer_host = models.CharField(_("referring site"), max_length=200, blank=True)
    referrer = models.CharField(_("referring page"), max_length=300, blank=True)
    ip_prefix = models.GenericIPAddressField(_("network (truncated IP address)"), null=True, blank=True)
    browser = models.CharField(_("browser"), max_length=60, blank=True)
    os = models.CharField(_("operating system"), max_length=60, blank=True)
    device = models.CharField(_("device"), max_length=10, blank=True)
    is_bot = models.BooleanField(_("robot"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request log entry")
        verbose_name_plural = _("request log entries")
        indexes = [models.Index(fields=["created_at", "path"], name="core_reqlog_time_path")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.method} {self.path}"
