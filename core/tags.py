"""Tag names in the reader's language.

A tag (taggit's ``Tag``) keeps its English name and ASCII slug; its Chinese name is a
``TagName`` row. Everything that shows a tag to a visitor (filter choices, tag pages,
article and venue pages, JSON-LD keywords) asks :func:`tag_label`. A tag nobody has
named in Chinese yet falls back to its English name, and editors find it under "Tags"
in the admin with the filter "Chinese name: missing".
"""

from django.db import transaction
from django.db.models import F
from django.utils import translation
from taggit.models import Tag

from .models import TagName

_UNKNOWN = object()


def is_chinese(language=None):
    return (language or translation.get_language() or "").lower().startswith("zh")


def with_names(queryset=None):
    """Tags with their Chinese name attached (``name_zh``, None when missing), in the
    same query."""
    queryset = Tag.objects.all() if queryset is None else queryset
    return queryset.annotate(name_zh=F("chinese__name_zh"))


def attach_names(tags):
    """Attach ``name_zh`` to already fetched tags with one query; returns them as a list."""
    tags = list(tags)
    missing = [tag.pk for tag in tags if getattr(tag, "name_zh", _UNKNOWN) is _UNKNOWN]
    if missing:
        names = dict(TagName.objects.filter(tag_id__in=missing).values_list("tag_id", "name_zh"))
        for tag in tags:
            if getattr(tag, "name_zh", _UNKNOWN) is _UNKNOWN:
                tag.name_zh = names.get(tag.pk)
    return tags


def tag_label(tag, language=None):
    """The tag's name in ``language`` (the active one by default)."""
    if not is_chinese(language):
        return tag.name
    if getattr(tag, "name_zh", _UNKNOWN) is _UNKNOWN:
        attach_names([tag])
    return tag.name_zh or tag.name


@transaction.atomic
def set_chinese_name(tag, name_zh):
    """Give ``tag`` its Chinese name; an empty name removes it (the tag then shows its
    English name and is listed as missing a Chinese one)."""
    name_zh = (name_zh or "").strip()
    if name_zh:
        TagName.objects.update_or_create(tag=tag, defaults={"name_zh": name_zh})
    else:
        TagName.objects.filter(tag=tag).delete()
    tag.name_zh = name_zh or None


def name_tags(names_zh):
    """Demo content: ``{slug: Chinese name}`` for existing tags (run after the tags
    were added)."""
    for tag in Tag.objects.filter(slug__in=list(names_zh)):
        set_chinese_name(tag, names_zh[tag.slug])
