"""Querysets of what a member may see. Every one starts from the member: another
member's thread, message or enquiry is simply not found."""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from .models import EPOCH, Block, Enquiry, Message, ThreadMember


def memberships(user):
    return ThreadMember.objects.filter(user=user)


def blocked_in_thread(user):
    """True for a thread whose other member blocked ``user`` or was blocked by them."""
    return Exists(
        Block.objects.filter(
            Q(blocker=user, blocked__thread_memberships__thread=OuterRef("thread"))
            | Q(blocked=user, blocker__thread_memberships__thread=OuterRef("thread"))
        )
    )


def inbox(user, archived=False):
    """The member's conversations, newest first, with unread counts and the other
    member, in a constant number of queries whatever their number."""
    shown = Message.objects.filter(thread=OuterRef("thread")).filter(
        Q(status=Message.Status.VISIBLE) | Q(sender=user)
    )
    unread = (
        Message.objects.filter(
            thread=OuterRef("thread"),
            status=Message.Status.VISIBLE,
            created_at__gt=Coalesce(OuterRef("last_read_at"), Value(EPOCH)),
        )
        .exclude(sender=user)
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last = shown.order_by("-created_at", "-pk")
    others = ThreadMember.objects.exclude(user=user).select_related("user__profile")
    return (
        memberships(user)
        .filter(archived_at__isnull=not archived)
        .annotate(
            has_messages=Exists(shown),
            hidden=blocked_in_thread(user),
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
            last_body=Subquery(last.values("body")[:1]),
            last_sender=Subquery(last.values("sender")[:1]),
        )
        .filter(has_messages=True, hidden=False)
        .select_related("thread__listing", "thread__venue")
        .prefetch_related(Prefetch("thread__members", queryset=others, to_attr="others"))
        .order_by("-thread__last_message_at", "-pk")
    )


def thread_messages(thread, user):
    """What the member sees of a thread: delivered and removed messages, and their own
    messages waiting for a moderator."""
    return (
        thread.messages.filter(
            Q(status__in=[Message.Status.VISIBLE, Message.Status.REMOVED]) | Q(sender=user)
        )
        .select_related("sender__profile")
        .order_by("created_at", "pk")
    )


def enquiries_of(user):
    return Enquiry.objects.filter(sender=user).select_related("venue", "listing", "thread")


def enquiries_visible_to(user):
    """Enquiries a member sent, or received as the venue owner or job poster."""
    return Enquiry.objects.filter(Q(sender=user) | Q(recipient=user))
