"""Threads and messages between members, made the way the site makes them."""

from django.utils import timezone

from messaging import limits, services
from messaging.models import Message, Thread, ThreadMember

from .classifieds import ListingFactory
from .users import verified_user


def thread_between(a, b, *, listing=None, key=None):
    """A thread between ``a`` and ``b`` (about ``listing`` if given), with no messages."""
    key = key or (services.listing_key(listing, a) if listing else services.direct_key(a, b))
    thread, _created = services.get_or_create_thread(key, a, b, **({"listing": listing} if listing else {}))
    return thread


def message(thread, sender, body="Is the flat still available?", **fields):
    """A delivered message, written straight to the database (no email, no checks)."""
    now = fields.pop("created_at", None) or timezone.now()
    made = Message.objects.create(
        thread=thread,
        sender=sender,
        body=body,
        fingerprint=limits.fingerprint(body),
        created_at=now,
        **fields,
    )
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    ThreadMember.objects.filter(thread=thread, user=sender).update(last_read_at=now)
    return made


def conversation(
    a=None, b=None, listing=None, texts=("Is the flat still available?", "Yes, come and see it.")
):
    """A thread about a listing of ``b`` where ``a`` asks and ``b`` answers."""
    a = a or verified_user()
    b = b or verified_user()
    listing = listing or ListingFactory(owner=b)
    thread = thread_between(a, b, listing=listing)
    sent = [message(thread, (a, b)[i % 2], text) for i, text in enumerate(texts)]
    return thread, sent
