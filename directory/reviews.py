"""Reviews of venues (R-POST-4): one per member per venue, moderated, with the
venue's average kept right as reviews are published, edited or removed."""

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from wagtail.search import index

from core.images import cleaned_photo, encode_webp

from .models import Review, ReviewPhoto, VenuePage, VenueRating


def add_owner_reply(review, text):
    """The venue owner's one reply: False when a reply was already there (two owners,
    or one posting twice, never overwrite each other)."""
    with transaction.atomic():
        updated = Review.objects.filter(pk=review.pk, owner_reply="").update(
            owner_reply=text, owner_replied_at=timezone.now()
        )
    if updated:
        from .purge import purge_review

        purge_review(review)
    return bool(updated)


def canonical_venue(page):
    """Reviews belong to the venue, not to one language's page: store them on the
    original (first created) page of the translation set."""
    return VenuePage.objects.filter(translation_key=page.translation_key).order_by("pk").first()


def published_reviews(page):
    return (
        Review.objects.filter(venue__translation_key=page.translation_key, status=Review.Status.PUBLISHED)
        .select_related("author__profile")
        .prefetch_related("photos")
        .order_by("-created_at")
    )


def update_rating(translation_key):
    totals = Review.objects.filter(
        venue__translation_key=translation_key, status=Review.Status.PUBLISHED
    ).aggregate(average=Avg("rating"), count=Count("pk"))
    VenueRating.objects.update_or_create(
        translation_key=translation_key,
        defaults={"average": round(totals["average"] or 0, 2), "count": totals["count"]},
    )


def _reindex(review):
    if review.status == Review.Status.PUBLISHED:
        transaction.on_commit(lambda: index.insert_or_update_object(review))
    else:
        transaction.on_commit(lambda: index.remove_object(review))


@transaction.atomic
def set_status(review, status, moderator=None, reason=""):
    review.status = status
    review.moderated_by = moderator
    review.removal_reason = reason[:500]
    review.save(update_fields=["status", "moderated_by", "removal_reason", "updated_at"])
    update_rating(review.venue.translation_key)
    _reindex(review)


@transaction.atomic
def save_by_author(review):
    """A new or edited review waits for moderation again; the average follows."""
    review.status = Review.Status.PENDING
    review.save()
    update_rating(review.venue.translation_key)
    _reindex(review)


@transaction.atomic
def delete_by_author(review):
    key = review.venue.translation_key
    review.delete()  # the search index entry goes with the row
    update_rating(key)


def add_photos(review, uploads):
    """Attach ``uploads`` (checked by the form) re-encoded as WebP without metadata."""
    for upload in uploads:
        image = cleaned_photo(
            upload, max_bytes=settings.REVIEW_PHOTO_MAX_BYTES, max_pixels=settings.LISTING_PHOTO_MAX_PIXELS
        )
        photo = ReviewPhoto(review=review)
        photo.image.save("photo.webp", encode_webp(image, "photo.webp"), save=False)
        photo.save()


def delete_photo_file(photo):
    if photo.image.name:
        photo.image.storage.delete(photo.image.name)
