from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.machine_text import html_description, plain_text

from .models import Kind, Listing

FEED_SIZE = 50


class KindFeed(Feed):
    """Newest published listings of one kind. Personals have no feed: they are
    never shown to visitors who are not signed in."""

    def get_object(self, request, kind):
        if kind not in Kind.values or kind == Kind.PERSONALS:
            raise Http404
        return Kind(kind)

    def title(self, kind):
        return _("Longtang classifieds: %(kind)s") % {"kind": kind.label}

    def link(self, kind):
        return reverse("classifieds:index", kwargs={"kind": kind})

    def description(self, kind):
        return _("The newest %(kind)s listings on Longtang.") % {"kind": kind.label}

    def items(self, kind):
        return Listing.objects.visible().filter(kind=kind).order_by("-bumped_at")[:FEED_SIZE]

    def item_title(self, item):
        # Readers may show a title as HTML: members' text must never become markup.
        return plain_text(item.title)

    def item_description(self, item):
        # RSS descriptions are HTML: the listing's text, escaped, never its markup.
        return html_description(item.description, limit=500)

    def item_pubdate(self, item):
        return item.bumped_at
