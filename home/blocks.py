from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    link_page = blocks.PageChooserBlock(label=_("link to page"), required=False)
    link_label = blocks.CharBlock(label=_("link label"), required=False, max_length=60)

    class Meta:
        icon = "title"
        label = _("hero")
        template = "home/blocks/hero.html"

    def get_context(self, value, parent_context=None):
        from .curation import localized_link

        context = super().get_context(value, parent_context)
        page = value.get("link_page")
        context["target"] = localized_link(_request(parent_context), page) if page is not None else None
        return context


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("pages"), max_num=12)

    class Meta:
        icon = "list-ul"
        label = _("featured pages")
        template = "home/blocks/featured_pages.html"

    def get_context(self, value, parent_context=None):
        from .curation import localized_link

        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        context["targets"] = [localized_link(request, page) for page in value.get("pages") or [] if page]
        return context


class BodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    rich_text = blocks.RichTextBlock(
        label=_("rich text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        template="home/blocks/rich_text.html",
    )
    featured_pages = FeaturedPagesBlock()


def _request(parent_context):
    return (parent_context or {}).get("request")


class FeaturedArticlesBlock(blocks.StructBlock):
    """Articles an editor picks, shown in the visitor's language."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    articles = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="articles.ArticlePage"), label=_("articles"), max_num=6
    )

    class Meta:
        icon = "pick"
        label = _("featured articles")
        template = "home/blocks/featured_articles.html"

    def section_items(self, value, request):
        from . import curation

        return curation.localized_articles(value["articles"], request)

    def get_context(self, value, parent_context=None):
        from . import curation

        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        items = curation.prepared(request, value)
        context["articles"] = items if items is not None else self.section_items(value, request)
        return context


class AutomaticBlock(blocks.StructBlock):
    """A home page section that fills itself; editors set its heading and size."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("how many"), default=6, min_value=1, max_value=12)

    def items(self, value, request):
        raise NotImplementedError

    def section_items(self, value, request):
        return self.items(value, request)

    def get_context(self, value, parent_context=None):
        from . import curation

        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        items = curation.prepared(request, value)
        context["items"] = items if items is not None else self.items(value, request)
        return context


class LatestArticlesBlock(AutomaticBlock):
    class Meta:
        icon = "doc-full"
        label = _("latest articles")
        template = "home/blocks/latest_articles.html"

    def items(self, value, request):
        from . import curation

        return curation.latest_articles(value["count"], request)


class UpcomingEventsBlock(AutomaticBlock):
    class Meta:
        icon = "date"
        label = _("upcoming events this week")
        template = "home/blocks/upcoming_events.html"

    def items(self, value, request):
        from . import curation

        return curation.events_this_week(value["count"], request)


class NewestListingsBlock(AutomaticBlock):
    count = blocks.IntegerBlock(label=_("how many of each kind"), default=4, min_value=1, max_value=8)

    class Meta:
        icon = "list-ul"
        label = _("newest classifieds")
        template = "home/blocks/newest_listings.html"

    def items(self, value, request):
        from . import curation

        return curation.newest_listings(value["count"], request)


class TopVenuesBlock(AutomaticBlock):
    class Meta:
        icon = "site"
        label = _("top-rated venues")
        template = "home/blocks/top_venues.html"

    def items(self, value, request):
        from . import curation

        return curation.top_venues(value["count"], request)


class HomeBodyBlock(BodyBlock):
    """The home page: the shared blocks plus curated and automatic sections."""

    featured_articles = FeaturedArticlesBlock()
    latest_articles = LatestArticlesBlock()
    upcoming_events = UpcomingEventsBlock()
    newest_listings = NewestListingsBlock()
    top_venues = TopVenuesBlock()
