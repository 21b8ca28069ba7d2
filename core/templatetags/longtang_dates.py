"""Template filters for relative times and dates in the visitor's language."""

from django import template

from core import dates

register = template.Library()


@register.filter
def ago(moment):
    """{{ listing.published_at|ago }} → "3 days ago" / "3 天前", "just now" / "刚刚"."""
    return dates.ago(moment)


@register.filter
def day_with_weekday(day):
    """{{ day|day_with_weekday }} → "Wednesday December 2" / "12月2日 周三"."""
    return dates.day_with_weekday(day)
