"""Duplicate detection (R-LOG-3): near-identical text by the same member, or a
photo already used on another live listing, sends a listing to moderation."""

import re
from datetime import timedelta
from difflib import SequenceMatcher

from django.utils import timezone

from .models import Listing, ListingPhoto

SIMILARITY = 0.9
WORDS = re.compile(r"\w+", re.UNICODE)


def normalise(text):
    return " ".join(WORDS.findall(text.lower()))


def similar_text_exists(listing):
    mine = normalise(f"{listing.title} {listing.description}")
    recent = (
        Listing.objects.filter(
            owner=listing.owner, deleted_at__isnull=True, created_at__gte=timezone.now() - timedelta(days=90)
        )
        .exclude(pk=listing.pk)
        .only("title", "description")
        .order_by("-created_at")[:50]
    )
    for other in recent:
        theirs = normalise(f"{other.title} {other.description}")
        if mine == theirs or SequenceMatcher(None, mine, theirs).ratio() >= SIMILARITY:
            return True
    return False


def reused_photo_exists(listing):
    hashes = [h for h in listing.photos.values_list("phash", flat=True) if h]
    return (
        ListingPhoto.objects.filter(phash__in=hashes, listing__deleted_at__isnull=True)
        .exclude(listing=listing)
        .exists()
    )


def flag_if_duplicate(listing):
    flagged = similar_text_exists(listing) or reused_photo_exists(listing)
    if flagged != listing.flagged_as_duplicate:
        listing.flagged_as_duplicate = flagged
        listing.save(update_fields=["flagged_as_duplicate", "updated_at"])
    return flagged
