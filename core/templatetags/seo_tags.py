from django import template

from core.seo import seo_data

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Canonical URL, hreflang alternates and link-preview tags for this page."""
    page = context.get("page")
    seo = seo_data(context.get("request"), page)
    return {"seo": seo, "page": page}
