"""A member's language: the one they signed up in, then whatever they choose.

The site after logging in, every email sent to them (by us, allauth and Wagtail) and
links in those emails speak it. Wagtail's admin has its own language choice; it
follows the member's language until the member picks another one in the admin, so
workflow emails to an editor are in the editor's language, never in the language of
whoever happened to trigger them.
"""

from django.conf import settings
from django.utils import translation


def supported(language):
    """``language`` if the site speaks it, else None ("zh-cn" → "zh-hans")."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None


def preferred_language(user):
    """The language ``user`` chose (or signed up in), or None."""
    profile = getattr(user, "profile", None) if user is not None else None
    return supported(getattr(profile, "preferred_language", ""))


def language_of(user, default=None):
    """The language to speak to ``user`` in: their preferred language, else
    ``default`` (the site's default language when not given)."""
    return preferred_language(user) or default or settings.LANGUAGE_CODE


def language_of_address(email, default=None):
    """The language of the member who owns the address ``email``, else ``default``."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(email__iexact=email).select_related("user__profile").first()
    if address is None:
        return default or settings.LANGUAGE_CODE
    return language_of(address.user, default)


def remember_signup_language(user, language):
    """The language of the pages someone signed up on becomes their preferred one."""
    from .models import Profile

    language = supported(language)
    if language is None:
        return
    Profile.objects.filter(user=user).update(preferred_language=language)
    follow_in_admin(user, language, previous=None)


def follow_in_admin(user, language, previous):
    """Let Wagtail's admin language follow the member's, unless the member chose a
    different one there (one that is neither blank nor the ``previous`` language)."""
    from wagtail.users.models import UserProfile

    admin_profile = UserProfile.get_for_user(user)
    if admin_profile.preferred_language in ("", previous):
        admin_profile.preferred_language = language
        admin_profile.save(update_fields=["preferred_language"])
