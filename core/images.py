"""Checks and clean-up for images that members upload.

An upload is opened by content (never trusted by name or browser type), limited in
bytes and pixels, and re-encoded from its pixels alone so no metadata (EXIF, GPS,
camera) survives.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def open_upload(upload, *, max_bytes, max_pixels):
    """Return the decoded PIL image of ``upload`` or raise a clear ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("This file is %(size)s; photos can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="format")
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("This image has too many pixels (%(width)s × %(height)s).")
                    % {"width": width, "height": height},
                    code="too_many_pixels",
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("This image has too many pixels."), code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("This file is not an image we can read."), code="not_an_image") from exc
    return image


def without_metadata(image):
    """The same picture, upright, as a fresh image that carries no metadata."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def cleaned_photo(upload, *, max_bytes, max_pixels, longest_side=1600):
    """A member's photo checked, stripped of metadata and scaled to ``longest_side``."""
    image = without_metadata(open_upload(upload, max_bytes=max_bytes, max_pixels=max_pixels))
    image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    return image


def encode_webp(image, name, quality=82):
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=quality)
    return ContentFile(out.getvalue(), name=name)


def average_hash(image):
    """A 64-bit perceptual hash (hex): the same photo re-saved or resized keeps it."""
    small = image.convert("L").resize((8, 8), Image.Resampling.LANCZOS)
    pixels = list(small.tobytes())
    mean = sum(pixels) / len(pixels)
    bits = "".join("1" if p >= mean else "0" for p in pixels)
    return f"{int(bits, 2):016x}"
