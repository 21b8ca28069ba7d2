"""Labels and ``lang`` attributes for member content shown in either locale
(see core/content_language.py)."""

from django import template
from django.utils.html import format_html

from core import content_language

register = template.Library()


@register.filter
def html_lang(code):
    """<p lang="{{ listing.language|html_lang }}"> → lang="zh-Hans" / lang="en"."""
    return content_language.html_lang(code)


@register.simple_tag
def language_label(code):
    """{% language_label listing.language %} → a small "In Chinese" / "英文" badge,
    nothing when the content is in the page's language."""
    text = content_language.label(code)
    if not text:
        return ""
    return format_html('<span class="badge content-language">{}</span>', text)


@register.filter
def guessed_language(text):
    """For text stored without its language (e.g. a venue's reply): "zh-hans" / "en"."""
    return content_language.detect(text)
