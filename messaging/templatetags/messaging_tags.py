"""Showing what members write: plain text, escaped, with links that are safe."""

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

register = template.Library()

SAFE_REL = ' rel="nofollow noopener noreferrer ugc"'


@register.filter(is_safe=True)
def message_text(value):
    """Escape everything, turn web addresses into links that pass no referrer and no
    ranking, and keep line breaks. Members' text is never treated as HTML."""
    # Member text is escaped by urlize, so a quote typed by a member can never
    # produce the rel attribute below: only links made here carry it.
    html = urlize(str(value or ""), trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace(' rel="nofollow"', SAFE_REL)
    return mark_safe(normalize_newlines(html).replace("\n", "<br>"))  # noqa: S308 - escaped above


@register.filter
def other_member(membership):
    """The other person in an inbox row (prefetched on its thread as ``others``)."""
    others = getattr(membership.thread, "others", None)
    return others[0].user if others else None
