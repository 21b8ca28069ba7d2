"""Avatar uploads: a square, resized WebP without metadata."""

from django.conf import settings
from PIL import Image, ImageOps

from core.images import encode_webp, open_upload, without_metadata


def process_avatar(upload):
    """Return a clean WebP ``ContentFile`` from an uploaded file, or raise ValidationError."""
    image = open_upload(upload, max_bytes=settings.AVATAR_MAX_BYTES, max_pixels=settings.AVATAR_MAX_PIXELS)
    image = without_metadata(image)
    size = (settings.AVATAR_SIZE, settings.AVATAR_SIZE)
    return encode_webp(ImageOps.fit(image, size, method=Image.Resampling.LANCZOS), "avatar.webp", quality=85)
