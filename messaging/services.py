"""What happens when members write to each other: threads, messages, blocks.

Views call these inside a transaction; emails go out on commit through Celery.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import limits
from .models import Block, Message, MessageReport, Thread, ThreadMember


class CannotMessage(Exception):
    """The message cannot be sent; ``str(error)`` tells the member why."""


def blocked_between(a, b):
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def listing_key(listing, user):
    return f"listing:{listing.pk}:{user.pk}"


def venue_key(venue, sender, owner):
    return f"venue:{venue.pk}:{sender.pk}:{owner.pk}"


def direct_key(a, b):
    low, high = sorted([a.pk, b.pk])
    return f"direct:{low}:{high}"


def check_can_write(sender, recipient):
    if recipient is None or recipient.pk == sender.pk:
        raise CannotMessage(_("You cannot send a message to yourself."))
    if not recipient.is_active:
        raise CannotMessage(_("This member's account is closed."))
    if blocked_between(sender, recipient):
        raise CannotMessage(_("You cannot exchange messages with this member."))


def get_or_create_thread(key, starter, other, **about):
    """The thread with ``key`` (created with both members if new). Returns
    ``(thread, created)``; safe when two requests race to create it."""
    thread = Thread.objects.filter(key=key).first()
    if thread is not None:
        return thread, False
    try:
        with transaction.atomic():
            thread = Thread.objects.create(key=key, **about)
            ThreadMember.objects.bulk_create(
                [
                    ThreadMember(thread=thread, user=starter, last_read_at=timezone.now()),
                    ThreadMember(thread=thread, user=other),
                ]
            )
    except IntegrityError:
        return Thread.objects.get(key=key), False
    return thread, True


def other_member(thread, user):
    member = thread.members.select_related("user__profile").exclude(user=user).first()
    return member.user if member else None


def send_message(thread, sender, body):
    """Add ``body`` to ``thread`` from ``sender``. Held for a moderator when the same
    text went to many other conversations. Returns the message."""
    from .tasks import notify_new_message

    recipient = other_member(thread, sender)
    check_can_write(sender, recipient)
    print_ = limits.fingerprint(body)
    held = limits.is_repeated_widely(sender, thread, print_)
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        sender=sender,
        body=body,
        fingerprint=print_,
        status=Message.Status.HELD if held else Message.Status.VISIBLE,
        created_at=now,
    )
    ThreadMember.objects.filter(thread=thread, user=sender).update(last_read_at=now)
    if held:
        MessageReport.objects.create(message=message, reason=MessageReport.Reason.HELD)
        return message
    deliver(message)
    transaction.on_commit(lambda: notify_new_message.delay(message.pk))
    return message


def deliver(message):
    """A visible message moves its thread to the top and back out of the archive."""
    Thread.objects.filter(pk=message.thread_id).update(last_message_at=message.created_at)
    ThreadMember.objects.filter(thread_id=message.thread_id).exclude(user_id=message.sender_id).update(
        archived_at=None
    )


def mark_read(member):
    ThreadMember.objects.filter(pk=member.pk).update(last_read_at=timezone.now())


def block(blocker, blocked):
    if blocker.pk == blocked.pk:
        return None
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def unblock(blocker, blocked):
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
