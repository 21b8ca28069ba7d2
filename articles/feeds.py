"""RSS of the newest articles of one language's guide."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from core.machine_text import html_description, plain_text

FEED_SIZE = 30
SHANGHAI = ZoneInfo("Asia/Shanghai")


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return plain_text(_("%(guide)s · Longtang") % {"guide": self.index_page.title})

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return plain_text(self.index_page.introduction or _("The newest articles of the city guide."))

    def items(self):
        return self.index_page.articles()[:FEED_SIZE]

    def item_title(self, item):
        # Readers may show a title as HTML: editors' text stays text.
        return plain_text(item.title)

    def item_description(self, item):
        # RSS descriptions are HTML: the standfirst escaped, never its markup.
        return html_description(item.standfirst)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(8), tzinfo=SHANGHAI)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [plain_text(item.topic.name)] if item.topic else []
