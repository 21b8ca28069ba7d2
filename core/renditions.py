"""Renditions of many images in one query.

``attach_renditions(images, spec, …)`` reads the renditions of every image for the
given filter specs at once and leaves them where ``Image.get_rendition`` looks first
(the prefetched ``renditions``), so a list of cards costs one query for its pictures
whatever its length. Images already carrying prefetched renditions are left alone.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def attach_renditions(images, *specs):
    images = [
        image
        for image in {id(image): image for image in images if image is not None}.values()
        if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
        and not hasattr(image, "prefetched_renditions")
    ]
    if not images:
        return images
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
    return images


def loaded(instance, field_name):
    """The related object behind ``field_name`` when it was selected with
    ``instance`` (no query), else None."""
    field = instance._meta.get_field(field_name)
    return field.get_cached_value(instance, None) if field.is_cached(instance) else None
