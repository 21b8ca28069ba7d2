"""What a change to a page purges from the page cache and the front cache.

A page published, unpublished, moved, renamed or deleted changes, in every language:
the page itself and every page below it (their breadcrumbs, menus and language
switcher name it; a calendar's day and month views list it), every index page above it (the home page included: its curated blocks
list what lies below), every page that links to it through a chooser (Wagtail's
reference index), the search pages, and what each app adds through the
``page_cache_purge_paths`` hook (a venue page showing an event, a tag page). Each is
purged at once and again after the transaction commits, so a request rendering between
the two cannot keep the old copy.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, ReferenceIndex

from . import page_cache


def page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _paths_of(page, exact, trees, *, with_subpages=False):
    path = page_path(page)
    if path:
        exact.add(path)
        if with_subpages or isinstance(page.specific_deferred, RoutablePageMixin):
            trees.add(path)


def _language_paths(name):
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(reverse(name))
    return found


def purge_sets(page):
    """(exact paths, tree paths) a change to ``page`` makes stale."""
    exact, trees = set(), set()
    for version in page.get_translations(inclusive=True).specific(defer=True):
        # The pages below show it too: in their breadcrumbs, menus and language
        # switcher (which falls back to the nearest translated ancestor).
        _paths_of(version, exact, trees, with_subpages=True)
        for ancestor in version.get_ancestors().filter(depth__gt=1).specific(defer=True):
            for translated in ancestor.get_translations(inclusive=True).specific(defer=True):
                _paths_of(translated, exact, trees)
    page_type = ReferenceIndex._get_base_content_type(Page)
    linking = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    # object_id is text (it holds any model's key): compared as numbers here.
    linking_ids = [int(pk) for pk in linking.values_list("object_id", flat=True) if pk.isdigit()]
    for source in Page.objects.filter(pk__in=linking_ids).live().specific(defer=True):
        _paths_of(source, exact, trees)
    exact |= _language_paths("search") | _language_paths("search_suggest")
    for hook in hooks.get_hooks("page_cache_purge_paths"):
        exact.update(hook(page.specific_deferred) or ())
    return exact, trees


def purge_page(page):
    exact, trees = purge_sets(page)
    purge(exact, trees)


def purge(exact=(), trees=()):
    """Purge now and once more when the surrounding transaction commits."""
    exact, trees = set(exact), set(trees)

    def run():
        page_cache.purge_paths(exact)
        page_cache.purge_trees(trees)

    run()
    transaction.on_commit(run)


def enabled():
    return bool(page_cache.seconds() or getattr(settings, "WAGTAILFRONTENDCACHE", None))


def on_publish_or_unpublish(sender, instance, **kwargs):
    if enabled():
        purge_page(instance)


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and (enabled()):
        purge_page(instance)


def on_move_or_slug_change(sender, instance, instance_before=None, **kwargs):
    # Before a move and after a slug change the old address is what must go; the new
    # one is purged by the publish that follows (or here, after the move).
    if enabled():
        if instance_before is not None:
            purge_page(instance_before)
        purge_page(instance)


def on_site_wide_change(sender, **kwargs):
    """Something every page shows changed (a tag's Chinese name, a site, a language,
    an image, a snippet): every page is purged."""
    if enabled():
        page_cache.purge_all()
        transaction.on_commit(page_cache.purge_all)


SITE_WIDE_MODELS = ("core.TagName", "wagtailcore.Site", "wagtailcore.Locale", "wagtailimages.Image")


def on_site_wide_edit(sender, created=False, **kwargs):
    if not created:
        on_site_wide_change(sender)


def connect_site_wide(model, *, creation_changes_pages=True):
    """``model``'s changes purge every page: for what the whole site shows. A settings
    row created empty on first read (``creation_changes_pages=False``) changes nothing."""
    from django.db.models.signals import post_delete, post_save

    receiver = on_site_wide_change if creation_changes_pages else on_site_wide_edit
    post_save.connect(receiver, sender=model, dispatch_uid=f"page_cache_all_{model}_saved")
    post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"page_cache_all_{model}_deleted")


def connect():
    from django.db.models.signals import pre_delete
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        pre_page_move,
    )

    page_published.connect(on_publish_or_unpublish, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="page_cache_unpublished")
    # pre_delete: the page still has its ancestors and translations to purge.
    pre_delete.connect(on_delete, dispatch_uid="page_cache_deleted")
    pre_page_move.connect(on_move_or_slug_change, dispatch_uid="page_cache_before_move")
    post_page_move.connect(on_move_or_slug_change, dispatch_uid="page_cache_after_move")
    page_slug_changed.connect(on_move_or_slug_change, dispatch_uid="page_cache_slug_changed")
    for model in SITE_WIDE_MODELS:
        connect_site_wide(model)
