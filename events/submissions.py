"""Member submissions (R-POST-5): a draft EventPage in Wagtail's moderation workflow.

The submitter never gets publish permission. Editors approve (the page is published)
or reject (the submission is declined, with the editor's comment); either way the
submitter hears by email, sent after the commit and at most once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from .models import RESERVED_SLUGS, EventIndexPage, EventPage, EventSubmission


def calendar_for(language_code):
    """The live calendar page in the visitor's language, else the default one."""
    pages = EventIndexPage.objects.live().select_related("locale")
    found = pages.filter(locale__language_code=language_code).first()
    if found is None:
        found = pages.filter(locale=Locale.get_default()).first() or pages.first()
    return found


def venues_run_by(user):
    """The live venues ``user`` has an approved ownership claim for."""
    from directory.models import OwnershipClaim, VenuePage

    claimed = OwnershipClaim.objects.filter(claimant=user, status=OwnershipClaim.Status.APPROVED).values(
        "venue_id"
    )
    return VenuePage.objects.live().filter(pk__in=claimed).order_by("title")


def free_slug(title, parent):
    base = slugify(title, allow_unicode=True)[:80].strip("-") or "event"
    if base in RESERVED_SLUGS:
        base = f"{base}-event"
    slug, suffix = base, 1
    while not Page._slug_is_available(slug, parent):
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def description_html(text):
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)


def quiet_admin_notifications(user):
    """Members without admin access hear from us in their language, not from the
    admin's own workflow notices (which link to screens they cannot open)."""
    from wagtail.users.models import UserProfile

    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = profile.rejected_notifications = False
    profile.save(update_fields=["approved_notifications", "rejected_notifications"])


@transaction.atomic
def submit(data, user, calendar):
    """Create the draft page, its first revision and the submission; start the
    workflow. ``data`` is an EventSubmissionForm's cleaned data."""
    venue = data.get("venue")
    page = EventPage(
        title=data["title"],
        slug=free_slug(data["title"], calendar),
        live=False,
        owner=user,
        locale=calendar.locale,
        introduction=Truncator(data["description"].split("\n")[0]).chars(300),
        start=data["start"],
        end=data["end"],
        all_day=bool(data.get("all_day")),
        category=data["category"],
        venue=venue,
        location="" if venue else data.get("location", ""),
        district=None if venue else data.get("district"),
        is_free=bool(data.get("is_free")),
        price=None if data.get("is_free") else data.get("price"),
        tickets_url=data.get("tickets_url", ""),
        body=[("rich_text", RichText(description_html(data["description"])))],
    )
    calendar.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission = EventSubmission.objects.create(page=page, submitter=user, note=data.get("note", ""))
    quiet_admin_notifications(user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return submission


def _notify(submission, outcome):
    from .tasks import notify_submitter

    transaction.on_commit(lambda: notify_submitter.delay(submission.pk, outcome))


def mark_published(page):
    """Called on page_published: the member's submission is live."""
    waiting = EventSubmission.objects.filter(
        page_id=page.pk, status__in=[EventSubmission.Status.PENDING, EventSubmission.Status.DECLINED]
    )
    for submission in waiting:
        submission.status = EventSubmission.Status.PUBLISHED
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "decided_at"])
        _notify(submission, "published")


def mark_declined(workflow_state):
    """Called on workflow_rejected: editors sent the page back."""
    if not str(workflow_state.object_id).isdigit():
        return
    task_state = workflow_state.current_task_state
    comment = (task_state.comment if task_state else "") or ""
    pending = EventSubmission.objects.filter(
        page_id=int(workflow_state.object_id), status=EventSubmission.Status.PENDING
    )
    for submission in pending:
        submission.status = EventSubmission.Status.DECLINED
        submission.decision_note = comment[:2000]
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "decision_note", "decided_at"])
        _notify(submission, "declined")


def forget_drafts(user):
    """When a member deletes their account, the events they sent in that were never
    published go too (published ones are the calendar's; the link to the member is
    erased through the personal-data registry)."""
    drafts = EventPage.objects.filter(
        submissions__submitter=user, live=False, first_published_at__isnull=True
    ).distinct()
    for page in drafts:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
        page.delete()
