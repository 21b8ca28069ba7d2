"""What a member may see of support: their own tickets, replies without internal notes."""

from django.db.models import Count, Q

from .models import Ticket, TicketMessage


def tickets_of(user):
    """The member's tickets, latest activity first, with the number of replies,
    in one query whatever their number."""
    return (
        Ticket.objects.owned_by(user)
        .annotate(replies=Count("messages", filter=Q(messages__is_internal=False, messages__from_staff=True)))
        .order_by("-updated_at", "-pk")
    )


def visible_messages(ticket):
    return TicketMessage.objects.filter(ticket=ticket, is_internal=False).select_related("author")
