"""A member's public profile leaves the page cache when their profile or account
changes (a name, a contact detail they chose to show, a closed account), in both
languages. Apps add the other pages that show the member (``connect_member_pages``)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import translation

from core import page_purge

from .models import Profile, User

_member_pages = []


def connect_member_pages(paths_for_user):
    """``paths_for_user(user)`` → the paths of other pages that show this member."""
    _member_pages.append(paths_for_user)


def profile_paths(username):
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("public_profile", args=[username]))
    return paths


def purge_member(user):
    if not page_purge.enabled() or not user.username:
        return
    paths = profile_paths(user.username)
    for paths_for_user in _member_pages:
        paths |= set(paths_for_user(user))
    page_purge.purge(paths)


def on_profile_saved(sender, instance, **kwargs):
    purge_member(instance.user)


def on_user_saved(sender, instance, created=False, **kwargs):
    if not created:
        purge_member(instance)


def connect():
    post_save.connect(on_profile_saved, sender=Profile, dispatch_uid="page_cache_profile_saved")
    post_save.connect(on_user_saved, sender=User, dispatch_uid="page_cache_user_saved")
