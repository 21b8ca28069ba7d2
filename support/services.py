"""Opening, answering and updating tickets. Every change happens in one transaction;
emails go out after commit."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ratelimit import allow
from core.request_log import client_ip

from .models import Status, Ticket, TicketMessage, TicketStatusChange

HOUR = 3600
DAY = 86400
# (limit, period): every number can be changed with a SUPPORT_LIMITS setting.
DEFAULT_LIMITS = {
    "contact-ip": (5, HOUR),
    "contact-email": (3, HOUR),
    "ticket": (10, DAY),
    "reply": (60, DAY),
}


class LimitReached(Exception):
    pass


def _allow(action, who):
    limit, period = getattr(settings, "SUPPORT_LIMITS", {}).get(action, DEFAULT_LIMITS[action])
    return allow(f"support-{action}:{who}", limit=limit, period=period)


def check_contact_limit(request, email):
    ip_ok = _allow("contact-ip", client_ip(request) or "unknown")
    email_ok = _allow("contact-email", email.strip().lower())
    if not (ip_ok and email_ok):
        raise LimitReached(_("You have sent us several messages in the last hour. Please try again later."))


def check_member_limit(request, action):
    if not _allow(action, request.user.pk):
        raise LimitReached(_("You have written to support many times today. Please try again tomorrow."))


def _record_status(ticket, new_status, by):
    if ticket.status == new_status:
        return
    TicketStatusChange.objects.create(
        ticket=ticket, old_status=ticket.status, new_status=new_status, changed_by=by
    )
    ticket.status = new_status


def open_ticket(*, data, user=None, name="", email="", from_contact_form=False):
    """A new ticket from cleaned form ``data``."""
    now = timezone.now()
    with transaction.atomic():
        ticket = Ticket.objects.create(
            requester=user if user is not None and user.is_authenticated else None,
            name=name,
            email=email,
            category=data["category"],
            privacy_type=data.get("privacy_type", ""),
            subject=data["subject"],
            body=data["body"],
            from_contact_form=from_contact_form,
            created_at=now,
            updated_at=now,
        )
        TicketStatusChange.objects.create(ticket=ticket, new_status=Status.OPEN, changed_by=ticket.requester)
    return ticket


def member_reply(ticket, user, body):
    """The member answers on their own ticket: it is open again."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk, requester=user)
        message = TicketMessage.objects.create(ticket=ticket, author=user, body=body)
        _record_status(ticket, Status.OPEN, user)
        ticket.updated_at = message.created_at
        ticket.save(update_fields=["status", "updated_at"])
    return message


def staff_update(ticket, staff, *, reply="", note="", status=None, assignee=None):
    """Staff work on a ticket: any of a reply (emailed), a note, a new status or
    assignee. Returns the reply message, if any."""
    from .tasks import email_staff_reply

    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        now = timezone.now()
        message = None
        if reply:
            message = TicketMessage.objects.create(
                ticket=ticket, author=staff, from_staff=True, body=reply, created_at=now
            )
            transaction.on_commit(lambda: email_staff_reply.delay(message.pk))
        if note:
            TicketMessage.objects.create(
                ticket=ticket, author=staff, from_staff=True, is_internal=True, body=note, created_at=now
            )
        if status:
            _record_status(ticket, status, staff)
        ticket.assignee = assignee
        if reply or note:
            ticket.updated_at = now
        ticket.save(update_fields=["status", "assignee", "updated_at"])
    return message
