"""What a change to a review purges from the page cache: its venue page with the
pages above it (in both languages) and its author's public profile. An approved,
edited, replied-to, hidden or deleted review passes through ``Review.save``, a
deletion or ``purge_review``."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation

from core import page_purge

from .models import Review


def purge_review(review):
    if not page_purge.enabled():
        return
    exact, trees = page_purge.purge_sets(review.venue)
    if review.author_id:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                exact.add(reverse("public_profile", args=[review.author.username]))
    page_purge.purge(exact, trees)


def on_review_change(sender, instance, **kwargs):
    purge_review(instance)


def connect():
    post_save.connect(on_review_change, sender=Review, dispatch_uid="page_cache_review_saved")
    post_delete.connect(on_review_change, sender=Review, dispatch_uid="page_cache_review_deleted")
