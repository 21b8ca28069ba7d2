"""Support emails, sent after commit by Celery, at most once each."""

from celery import shared_task

from accounts.language import language_of
from core.mail import send_once

from .models import TicketMessage


def ticket_language(ticket):
    return language_of(ticket.requester if ticket.requester_id else None)


@shared_task(acks_late=True, ignore_result=True)
def email_staff_reply(message_pk):
    """A staff reply to the person who asked: never an internal note."""
    message = (
        TicketMessage.objects.select_related("ticket__requester__profile")
        .filter(pk=message_pk, from_staff=True, is_internal=False)
        .first()
    )
    if message is None:
        return
    ticket = message.ticket
    to = ticket.requester.email if ticket.requester_id and ticket.requester.email else ticket.email
    if not to:
        return
    send_once(
        f"support-reply:{message.pk}",
        to,
        "support/email/reply",
        {
            "ticket": ticket,
            "message": message,
            "name": ticket.name,
            "member": ticket.requester_id is not None,
        },
        ticket_language(ticket),
        essential=True,  # the answer the person asked for (privacy requests among them)
    )
