from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core.i18n import alternate_urls, locale_home_url, localized_home
from core.models import SiteChrome

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
    home = localized_home(request, translation.get_language()) if request else None
    if home is None:
        return []
    return list(home.get_children().live().in_menu())


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Footer links from the site settings, each in the visitor's language."""
    request = context.get("request")
    chrome = SiteChrome.load(request_or_site=request)
    page_ids = [block.value["page"].pk for block in chrome.footer_links if block.value.get("page")]
    if not page_ids:
        return []
    keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    localized = {
        p.translation_key: p
        for p in Page.objects.filter(
            translation_key__in=keys.values(), locale__language_code=translation.get_language(), live=True
        )
    }
    links = []
    for block in chrome.footer_links:
        page = block.value.get("page")
        if page is None:
            continue
        target = localized.get(keys.get(page.pk))  # untranslated pages stay out of the other language
        if target is None:
            continue
        links.append({"url": target.get_url(request), "label": block.value.get("label") or target.title})
    return links
