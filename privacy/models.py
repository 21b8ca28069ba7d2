"""Data-export requests and the consent-managed site scripts."""

import uuid

from django.conf import settings
from django.core.files.storage import InvalidStorageError, storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def export_storage():
    """Private storage for export archives: never under MEDIA_ROOT or MEDIA_URL; an
    archive is only ever served by the signed download view. Configured as
    ``STORAGES["privacy_exports"]``; without it, a private folder at PRIVACY_EXPORT_ROOT."""
    try:
        return storages["privacy_exports"]
    except InvalidStorageError:
        from .storage import PrivateFileSystemStorage

        return PrivateFileSystemStorage(location=settings.PRIVACY_EXPORT_ROOT)


def export_upload_to(instance, filename):
    return f"{instance.user_id}/{instance.uuid.hex}.zip"


class ExportRequest(models.Model):
    """A member asked for a copy of their data (R-PRIV-2)."""

    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, _("Being prepared")),
        (READY, _("Ready to download")),
        (FAILED, _("Failed")),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    archive = models.FileField(_("archive"), storage=export_storage, upload_to=export_upload_to, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return f"{self.user_id} {self.requested_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_ready(self):
        return self.status == self.READY and bool(self.archive)


@register_setting(icon="code")
class ConsentScripts(BaseGenericSetting):
    """Analytics and advertising snippets. Each is emitted only on pages seen by a
    visitor who accepted that cookie group (R-LOG-2)."""

    analytics_snippet = models.TextField(
        _("analytics snippet"),
        blank=True,
        help_text=_("HTML inserted before </body> only for visitors who accepted analytics cookies."),
    )
    advertising_snippet = models.TextField(
        _("advertising snippet"),
        blank=True,
        help_text=_("HTML inserted before </body> only for visitors who accepted advertising cookies."),
    )

    panels = [
        HelpPanel(
            content=_(
                "Scripts here run only after the visitor's consent. Add the cookies they set "
                "to the matching cookie group so that declining removes them."
            )
        ),
        FieldPanel("analytics_snippet"),
        FieldPanel("advertising_snippet"),
    ]

    class Meta:
        verbose_name = _("analytics and advertising scripts")
