from django import template

register = template.Library()


@register.inclusion_tag("accounts/badges.html")
def member_badges(user):
    """Verified-email and verified-phone badges, for profiles and next to posts.

    Lists should fetch authors with ``select_related("owner__profile")`` so the
    badges cost no query per row."""
    return {"profile": getattr(user, "profile", None)}
