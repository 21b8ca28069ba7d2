from django import template

from core.tags import tag_label

register = template.Library()


@register.filter
def tag_name(tag):
    """``{{ tag|tag_name }}``: the tag's name in the active language."""
    return tag_label(tag)
