"""What moderators do with a reported or held message."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Message, MessageReport, ThreadAccessLog
from .services import deliver

Action = MessageReport.Action


class ActionRefused(Exception):
    pass


def open_reported_thread(report, staff):
    """The thread of a reported message, for staff: each opening is logged."""
    thread = report.message.thread
    ThreadAccessLog.objects.create(thread=thread, report=report, staff=staff)
    return thread


def act(report, action, moderator, note=""):
    """Resolve ``report`` (and the other open reports of the same message) by ``action``."""
    from .tasks import notify_new_message, warn_sender

    if action not in Action.values:
        raise ActionRefused(_("Choose an action."))
    message = report.message
    sender = message.sender
    if action == Action.WARNED and not note.strip():
        raise ActionRefused(_("Write the warning the sender will read."))
    if action == Action.SUSPENDED and (sender.is_staff or sender.is_superuser):
        raise ActionRefused(_("Staff accounts cannot be suspended here."))
    if action == Action.RELEASED and message.status != Message.Status.HELD:
        raise ActionRefused(_("Only a held message can be delivered."))
    with transaction.atomic():
        if action in (Action.REMOVED, Action.SUSPENDED):
            Message.objects.filter(pk=message.pk).update(status=Message.Status.REMOVED)
        if action == Action.SUSPENDED:
            type(sender).objects.filter(pk=sender.pk).update(is_active=False)
        if action == Action.RELEASED:
            # Delivered now: it counts as new for the recipient from this moment.
            message.status, message.created_at = Message.Status.VISIBLE, timezone.now()
            Message.objects.filter(pk=message.pk).update(status=message.status, created_at=message.created_at)
            deliver(message)
            transaction.on_commit(lambda: notify_new_message.delay(message.pk))
        MessageReport.objects.filter(pk=report.pk).update(
            resolved_at=timezone.now(), resolved_by=moderator, action=action, moderator_note=note.strip()
        )
        message.reports.filter(resolved_at__isnull=True).exclude(pk=report.pk).update(
            resolved_at=timezone.now(), resolved_by=moderator, action=action
        )
        if action == Action.WARNED:
            transaction.on_commit(lambda: warn_sender.delay(report.pk))
