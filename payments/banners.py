"""Which paid, approved banner shows in a position today. Looked up once per position
per few minutes (cached); a decision on a banner clears its position."""

from django.core.cache import cache
from django.utils import timezone

from .models import AdBooking

CACHE_SECONDS = 300


def cache_key(position, day):
    return f"payments:banner:{position}:{day.isoformat()}"


def banner_for(position):
    day = timezone.localdate()
    key = cache_key(position, day)
    found = cache.get(key)
    if found is None:
        booking = AdBooking.objects.showing(position, day).order_by("starts_on", "pk").first()
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
