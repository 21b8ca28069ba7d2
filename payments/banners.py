"""Which paid, approved banner shows in a position today. Looked up once per position
per few minutes (cached); a decision on a banner clears its position."""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AdBooking, AdStatus, OrderStatus

CACHE_SECONDS = 300


def cache_key(position, day):
    return f"payments:banner:{position}:{day.isoformat()}"


def banner_for(position):
    day = timezone.localdate()
    key = cache_key(position, day)
    found = cache.get(key)
    if found is None:
        # An advertiser's erasure empties the image and link: such a booking shows nothing.
        booking = (
            AdBooking.objects.showing(position, day)
            .exclude(image="")
            .exclude(link_url="")
            .order_by("starts_on", "pk")
            .first()
        )
        found = (
            {"image_url": booking.image.url, "link_url": booking.link_url, "alt_text": booking.alt_text}
            if booking
            else {}
        )
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def forget(booking):
    """Clear the cached banner of every day the booking covers."""
    day = booking.starts_on
    keys = []
    while day <= booking.ends_on:
        keys.append(cache_key(booking.position, day))
        day = day.fromordinal(day.toordinal() + 1)
    cache.delete_many(keys)


POSITION_TAKEN = _("This banner position is already booked for some of those days.")


def position_taken(position, first_day, last_day, exclude=None):
    """Whether a live booking (waiting for payment, in review or approved) holds any of
    these days in ``position``."""
    bookings = AdBooking.objects.filter(
        position=position,
        starts_on__lte=last_day,
        ends_on__gte=first_day,
        status__in=[AdStatus.IN_REVIEW, AdStatus.APPROVED, AdStatus.AWAITING_PAYMENT],
        order__status__in=[OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.FULFILLED],
    )
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    return bookings.exists()
