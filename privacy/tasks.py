"""Background work of the privacy app. Every task is idempotent and acknowledged late:
a retry after a crash repeats nothing that already happened."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import send_once

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError, SMTPException), retry_backoff=True, max_retries=5)
def build_export(export_id, base_url=""):
    """Build the archive of an export request, then email its download link once."""
    from .export import build_archive
    from .models import ExportRequest

    export = ExportRequest.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return "gone"
    if not export.is_ready:
        try:
            build_archive(export)
        except Exception:
            ExportRequest.objects.filter(pk=export.pk).update(status=ExportRequest.FAILED)
            raise
    send_export_email(export, base_url)
    return "ready"


def send_export_email(export, base_url):
    """The download link, once per export whatever retries happen (``send_once``
    keys it on the export). Essential: it answers the member's own request.

    It speaks the language the member asked in, which is also the archive's README
    language (``ExportRequest.language``)."""
    from .models import ExportRequest
    from .tokens import make_download_token

    if not export.user.email:
        return False
    language = export.language
    with translation.override(language):
        url = base_url.rstrip("/") + reverse("privacy:export_download", args=[make_download_token(export)])
    sent = send_once(
        f"privacy-export-ready:{export.uuid}",
        export.user.email,
        "privacy/emails/export_ready",
        {"user": export.user, "url": url, "export": export},
        language,
        essential=True,
    )
    if sent:
        ExportRequest.objects.filter(pk=export.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def erase_user_data(user_id):
    """Erase everything the personal-data registry lists for the user (R-PRIV-3)."""
    from .erasure import erase_user

    report = erase_user(user_id)
    return {"deleted": report.deleted, "scrubbed": report.scrubbed, "files": report.files}


@shared_task(bind=True, acks_late=True)
def apply_retention(self):
    """Daily (Celery beat): purge what has outlived its declared retention (R-PRIV-4).
    Works in bounded batches and queues itself again while a backlog remains."""
    from .retention import apply

    results = apply()
    progressed = any(done for done, _remaining in results.values())
    backlog = any(remaining for _done, remaining in results.values())
    if progressed and backlog and not self.request.is_eager:
        self.apply_async(countdown=60)
    return {label: done for label, (done, _remaining) in results.items()}
