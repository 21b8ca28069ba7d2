from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.language import language_of
from core.mail import send_once

from . import lifecycle
from .models import Listing, ListingPhoto, Status
from .photos import build_renditions
from .saved_searches import alert_instant, send_digests

BATCH = 500


@shared_task(acks_late=True, ignore_result=True)
def make_renditions(photo_ids):
    for photo in ListingPhoto.objects.filter(pk__in=photo_ids):
        build_renditions(photo)


@shared_task(acks_late=True, ignore_result=True)
def notify_moderation_outcome(listing_pk, outcome):
    listing = Listing.objects.select_related("owner__profile").filter(pk=listing_pk).first()
    if listing is None or not listing.owner.email or not listing.owner.is_active:
        return
    stamp = listing.moderated_at or listing.published_at
    send_once(
        f"listing-{outcome}:{listing.pk}:{stamp:%Y%m%d%H%M%S}",
        listing.owner.email,
        f"classifieds/email/{outcome}",
        {"listing": listing},
        language_of(listing.owner),
    )


@shared_task(acks_late=True, ignore_result=True)
def expire_listings():
    """Published listings past their date leave the public pages (beat: every 15 minutes)."""
    due = Listing.objects.filter(
        status=Status.PUBLISHED, deleted_at__isnull=True, expires_at__lte=timezone.now()
    )
    for listing in due.order_by("expires_at")[:BATCH]:
        with transaction.atomic():
            locked = Listing.objects.select_for_update().get(pk=listing.pk)
            if locked.status == Status.PUBLISHED and locked.expires_at <= timezone.now():
                lifecycle.expire(locked)


@shared_task(acks_late=True, ignore_result=True)
def send_expiry_reminders():
    """A reminder a few days before a listing expires, to members who want one."""
    now = timezone.now()
    soon = now + timedelta(days=settings.CLASSIFIEDS_REMINDER_DAYS_BEFORE)
    due = Listing.objects.filter(
        status=Status.PUBLISHED,
        deleted_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=soon,
        expiry_reminder_sent_at__isnull=True,
        owner__is_active=True,
        owner__profile__notify_listing_expiry=True,
    ).select_related("owner__profile")
    for listing in due[:BATCH]:
        send_once(
            f"listing-expiry:{listing.pk}:{listing.expires_at:%Y%m%d%H%M}",
            listing.owner.email,
            "classifieds/email/expiry_reminder",
            {"listing": listing},
            language_of(listing.owner),
        )
        Listing.objects.filter(pk=listing.pk).update(expiry_reminder_sent_at=now)


@shared_task(acks_late=True, ignore_result=True)
def send_instant_saved_search_alerts(listing_pk):
    """A listing was just published: email the instant saved searches it matches."""
    alert_instant(listing_pk)


@shared_task(acks_late=True, ignore_result=True)
def send_saved_search_digests():
    """Daily (beat): one digest per daily saved search with its new matches."""
    send_digests()
