"""Featured runs bought through payments: a listing leads its list until
``featured_until``.

Payments knows nothing of listings; ``apps.ClassifiedsConfig.ready()`` registers
these functions for the featured product kind, and payments calls them with the
order inside its transaction.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Listing


def featurable_listings(user):
    """The member's published listings, which are the ones a featured run can be
    bought for (newest bump first, as on the dashboard)."""
    return Listing.objects.owned_by(user).visible().order_by("-bumped_at")


def extend(order):
    """Add the order's days to the listing's run. Runs stack: a second purchase
    starts where the first one ends. The row is locked so two payments arriving at
    once both count."""
    if not order.listing_id:
        return True  # the listing is gone: nothing left to deliver
    listing = Listing.objects.select_for_update().get(pk=order.listing_id)
    now = timezone.now()
    start = max(now, listing.featured_until or now)
    listing.featured_until = start + timedelta(days=order.product.days)
    listing.save(update_fields=["featured_until"])
    return True


def shorten(order):
    """Take back only this order's days, so another paid run still stands; a run
    that would end in the past ends now."""
    if not order.listing_id:
        return
    listing = Listing.objects.select_for_update().get(pk=order.listing_id)
    if not listing.featured_until:
        return
    until = listing.featured_until - timedelta(days=order.product.days)
    listing.featured_until = until if until > timezone.now() else None
    listing.save(update_fields=["featured_until"])
