from django import template

from ..jsonld import article_jsonld as build_article_jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def article_jsonld(context, page):
    return build_article_jsonld(
        context.get("request"), page, context.get("authors") or [], context.get("article_tags") or []
    )
