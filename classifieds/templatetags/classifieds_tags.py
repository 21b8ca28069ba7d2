from django import template

from ..photos import srcset

register = template.Library()


@register.filter
def photo_srcset(photo):
    return srcset(photo)


@register.simple_tag
def kind_label(kind):
    from ..models import Kind

    return Kind(kind).label
