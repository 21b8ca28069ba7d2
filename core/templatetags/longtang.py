from django import template
from django.conf import settings
from django.utils import translation

from core.chrome import chrome_pages
from core.i18n import alternate_urls, locale_home_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in every site language, for the language switcher."""
    request = context.get("request")
    if request is None:
        return []
    urls = alternate_urls(request, context.get("page"))
    current = translation.get_language()
    return [
        {"code": code, "name": name, "url": urls[code], "current": code == current}
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    if request is None:
        return "/"
    return locale_home_url(request, translation.get_language())


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live menu pages below the home page of the visitor's language."""
    request = context.get("request")
    if request is None:
        return []
    return chrome_pages(request)["menu"]


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Footer links from the site settings, each in the visitor's language."""
    request = context.get("request")
    if request is None:
        return []
    return chrome_pages(request)["footer"]
