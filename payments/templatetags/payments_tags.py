from django import template

from ..banners import banner_for

register = template.Library()


@register.inclusion_tag("payments/banner.html")
def ad_banner(position):
    return {"banner": banner_for(position)}
