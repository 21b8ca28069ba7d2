"""What a change to a listing purges from the page cache: its detail page (under the
old title's address too), its section's index, feed and the classifieds overview, the
home page, search and its owner's public profile — in both languages. Whatever the
change (posted, approved, refreshed, taken, expired, edited, deleted), it passes
through ``Listing.save`` or a deletion."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from core import page_purge

from .models import Listing

_BEFORE = "_page_cache_before"


def listing_paths(kind, pk, title, username):
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths |= {
                reverse(
                    "classifieds:detail", kwargs={"kind": kind, "pk": pk, "slug": slugify(title) or "listing"}
                ),
                reverse("classifieds:detail_short", kwargs={"kind": kind, "pk": pk}),
                reverse("classifieds:index", kwargs={"kind": kind}),
                reverse("classifieds:feed", kwargs={"kind": kind}),
                reverse("classifieds:overview"),
                reverse("wagtail_serve", args=[""]),
                reverse("search"),
                reverse("search_suggest"),
            }
            if username:
                paths.add(reverse("public_profile", args=[username]))
    return paths


def remember_before(sender, instance, **kwargs):
    if instance.pk and page_purge.enabled():
        setattr(
            instance,
            _BEFORE,
            Listing.objects.filter(pk=instance.pk).values_list("kind", "title").first(),
        )


def purge_listing(sender, instance, **kwargs):
    if not page_purge.enabled():
        return
    username = instance.owner.username if instance.owner_id else ""
    paths = listing_paths(instance.kind, instance.pk, instance.title, username)
    before = getattr(instance, _BEFORE, None)
    if before and before != (instance.kind, instance.title):
        paths |= listing_paths(before[0], instance.pk, before[1], username)
    page_purge.purge(paths)


def member_listing_paths(user):
    """A member's listings name them (their public name, their badges)."""
    paths = set()
    for pk, kind, title in Listing.objects.filter(owner=user).values_list("pk", "kind", "title"):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths.add(
                    reverse(
                        "classifieds:detail",
                        kwargs={"kind": kind, "pk": pk, "slug": slugify(title) or "listing"},
                    )
                )
    return paths


def connect():
    from accounts.purge import connect_member_pages

    connect_member_pages(member_listing_paths)
    pre_save.connect(remember_before, sender=Listing, dispatch_uid="page_cache_listing_before")
    post_save.connect(purge_listing, sender=Listing, dispatch_uid="page_cache_listing_saved")
    post_delete.connect(purge_listing, sender=Listing, dispatch_uid="page_cache_listing_deleted")
