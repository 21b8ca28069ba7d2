"""Subscribing, confirming, changing lists and unsubscribing."""

import uuid

from django.db import transaction
from django.utils import timezone

from core.models_mail import SuppressedAddress

from .models import NewsletterList, Subscriber, Subscription

DEFAULT_LIST_SLUG = "this-week"


def normalise(email):
    return SuppressedAddress.normalise(email)


def request_subscription(email, language, list_ids=None):
    """An anonymous visitor asks for ``list_ids`` (the weekly list by default).
    Nothing becomes active until the address is confirmed; the confirmation email
    goes out after commit. Returns the subscriber."""
    from .tasks import send_confirmation

    if list_ids is None:
        list_ids = list(NewsletterList.objects.filter(slug=DEFAULT_LIST_SLUG).values_list("pk", flat=True))
    subscriber, _ = Subscriber.objects.get_or_create(email=normalise(email), defaults={"language": language})
    request_id = uuid.uuid4().hex  # one email per request, however often the task runs
    transaction.on_commit(
        lambda: send_confirmation.delay(subscriber.pk, list(list_ids), request_id, language)
    )
    return subscriber


def confirm(subscriber, list_ids):
    """The owner of the address followed the confirmation link."""
    with transaction.atomic():
        subscriber.confirm()
        lists = NewsletterList.objects.filter(pk__in=list_ids)
        for newsletter_list in lists:
            Subscription.objects.update_or_create(
                subscriber=subscriber, newsletter_list=newsletter_list, defaults={"active": True}
            )
    changed(subscriber)


def subscriber_for_member(user, create=True):
    """The member's subscriber row: theirs by link, or the row of their address
    (then linked). A member's address is verified at sign-up, so it is confirmed."""
    subscriber = Subscriber.objects.filter(user=user).first()
    email = normalise(user.email)
    # The member changed their address: newsletters follow it (unless the new address
    # already has its own subscriber row, which is then left alone).
    if (
        subscriber is not None
        and email
        and subscriber.email != email
        and not Subscriber.objects.filter(email=email).exists()
    ):
        subscriber.email = email
        subscriber.save(update_fields=["email", "updated_at"])
    if subscriber is None and user.email:
        subscriber = Subscriber.objects.filter(email=normalise(user.email), user__isnull=True).first()
        if subscriber is None and not create:
            return None
        if subscriber is None:
            profile = getattr(user, "profile", None)
            subscriber = Subscriber.objects.create(
                email=normalise(user.email),
                user=user,
                language=getattr(profile, "preferred_language", "en") or "en",
                confirmed_at=timezone.now(),
            )
        else:
            subscriber.user = user
            subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
            subscriber.save(update_fields=["user", "confirmed_at", "updated_at"])
    return subscriber


def active_list_ids(subscriber):
    if subscriber is None:
        return set()
    return set(subscriber.subscriptions.filter(active=True).values_list("newsletter_list_id", flat=True))


def set_lists(subscriber, list_ids, allow_more_promotions=None):
    """Exactly ``list_ids`` active afterwards; the other lists inactive."""
    list_ids = set(list_ids)
    with transaction.atomic():
        for newsletter_list in NewsletterList.objects.all():
            wanted = newsletter_list.pk in list_ids
            if wanted:
                Subscription.objects.update_or_create(
                    subscriber=subscriber, newsletter_list=newsletter_list, defaults={"active": True}
                )
            else:
                subscriber.subscriptions.filter(newsletter_list=newsletter_list).update(active=False)
        if allow_more_promotions is not None and allow_more_promotions != subscriber.allow_more_promotions:
            subscriber.allow_more_promotions = allow_more_promotions
            subscriber.save(update_fields=["allow_more_promotions", "updated_at"])
    changed(subscriber)


def unsubscribe(subscriber, list_id):
    """One list off at once; the others as they were. True if it was active."""
    done = subscriber.subscriptions.filter(newsletter_list_id=list_id, active=True).update(active=False)
    if done:
        changed(subscriber)
    return bool(done)


def unsubscribe_all(subscriber):
    subscriber.subscriptions.filter(active=True).update(active=False)
    changed(subscriber)


def changed(subscriber):
    """Mirror the subscriber's lists to Mailchimp after commit (when configured)."""
    from . import mailchimp

    if mailchimp.enabled():
        from .tasks import sync_mailchimp

        transaction.on_commit(lambda: sync_mailchimp.delay(subscriber.pk))
