"""Listing photos: cleaned at upload, renditions in WebP for srcset."""

from django.conf import settings
from django.db import transaction
from PIL import Image

from core.images import average_hash, cleaned_photo, encode_webp

from .models import ListingPhoto

RENDITION_WIDTHS = (320, 640, 1280)


def add_photos(listing, uploads):
    """Clean and attach ``uploads`` (already validated by the form's clean step)."""
    position = listing.photos.count()
    created = []
    for upload in uploads:
        image = cleaned_photo(
            upload, max_bytes=settings.LISTING_PHOTO_MAX_BYTES, max_pixels=settings.LISTING_PHOTO_MAX_PIXELS
        )
        photo = ListingPhoto(listing=listing, position=position, phash=average_hash(image))
        photo.image.save("photo.webp", encode_webp(image, "photo.webp"), save=False)
        photo.save()
        created.append(photo)
        position += 1
    if created:
        from .tasks import make_renditions

        ids = [p.pk for p in created]
        transaction.on_commit(lambda: make_renditions.delay(ids))
    return created


def build_renditions(photo):
    """Write the smaller WebP versions of ``photo`` next to it (idempotent)."""
    storage = photo.image.storage
    renditions = {}
    with photo.image.open("rb") as source, Image.open(source) as image:
        image.load()
        for width in RENDITION_WIDTHS:
            if width >= image.width:
                continue
            name = photo.image.name.replace(".webp", f"-{width}.webp")
            if not storage.exists(name):
                copy = image.copy()
                copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
                storage.save(name, encode_webp(copy, name))
            renditions[str(width)] = name
    photo.renditions = renditions
    photo.save(update_fields=["renditions"])


def delete_photo_files(photo):
    storage = photo.image.storage
    for name in [photo.image.name, *photo.renditions.values()]:
        if name:
            storage.delete(name)


def srcset(photo):
    storage = photo.image.storage
    parts = [
        f"{storage.url(name)} {width}w"
        for width, name in sorted(photo.renditions.items(), key=lambda i: int(i[0]))
    ]
    parts.append(f"{photo.image.url} {photo.width}w")
    return ", ".join(parts)
