from celery import shared_task
from django.conf import settings

from accounts.language import language_of
from core.mail import send_once

from .models import EventPage, EventSubmission
from .recurrence import refresh_occurrences

OUTCOMES = ("published", "declined")


def public_url(page):
    """The page's address on the public site (the site's base URL for relative ones)."""
    url = (page.get_url() or "") if page.live else ""
    if url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


@shared_task(acks_late=True, ignore_result=True)
def notify_submitter(submission_pk, outcome):
    """Tell a member their event was published or declined (once per decision)."""
    if outcome not in OUTCOMES:
        return
    submission = (
        EventSubmission.objects.select_related("page", "submitter__profile").filter(pk=submission_pk).first()
    )
    if submission is None or submission.status != outcome:
        return
    user = submission.submitter
    if not user.is_active or not user.email:
        return
    stamp = f"{submission.decided_at:%Y%m%d%H%M%S}" if outcome == "declined" and submission.decided_at else ""
    page = submission.page
    send_once(
        f"event-submission-{outcome}:{submission.pk}:{stamp}",
        user.email,
        f"events/email/submission_{outcome}",
        {"submission": submission, "page": page, "page_url": public_url(page)},
        language_of(user),
    )


@shared_task(acks_late=True, ignore_result=True)
def refresh_recurring_events():
    """Extend the stored dates of open-ended repeating events (daily, from beat)."""
    pages = EventPage.objects.live().exclude(repeat="").prefetch_related("exception_dates")
    for page in pages.iterator(chunk_size=200):
        refresh_occurrences(page)
