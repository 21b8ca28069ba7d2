"""Keep occurrences and submissions in step with Wagtail's publishing and workflow."""

from wagtail.signals import page_published, page_unpublished, workflow_rejected

from . import submissions
from .models import EventPage
from .recurrence import clear_occurrences, refresh_occurrences


def on_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        refresh_occurrences(instance)
        submissions.mark_published(instance)


def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        clear_occurrences(instance)


def on_workflow_rejected(sender, instance, **kwargs):
    content_type = instance.content_type
    if content_type.app_label == "events" and content_type.model == "eventpage":
        submissions.mark_declined(instance)


def on_account_deletion(sender, user, **kwargs):
    submissions.forget_drafts(user)


def connect():
    from accounts.signals import account_deletion_requested

    account_deletion_requested.connect(on_account_deletion, dispatch_uid="events-forget-drafts")
    page_published.connect(on_published, dispatch_uid="events-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="events-unpublished")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="events-workflow-rejected")
