"""StreamField blocks of an article's body."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageChooserBlock

LISTING_KINDS = [
    ("housing", _("Housing")),
    ("jobs", _("Jobs")),
    ("buy-sell", _("Buy & sell")),
]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("image")
        template = "articles/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("images"), min_num=2, max_num=12)

    class Meta:
        icon = "image"
        label = _("gallery")
        template = "articles/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "articles/blocks/quote.html"


class VenueCardBlock(blocks.StructBlock):
    venue = blocks.PageChooserBlock(label=_("venue"), page_type="directory.VenuePage")

    class Meta:
        icon = "site"
        label = _("venue card")
        template = "articles/blocks/venue_card.html"

    def get_context(self, value, parent_context=None):
        """The venue in the reader's language (as ``.localized`` finds it), with its
        picture, district and station in the same query."""
        from wagtail.models import Locale

        from directory.models import VenuePage

        context = super().get_context(value, parent_context)
        chosen = value.get("venue")
        venue = None
        if chosen is not None:
            try:
                locale = Locale.get_active()
            except (LookupError, Locale.DoesNotExist):
                locale = None
            related = ("cover_image", "district", "station")
            if locale is not None and locale.id != chosen.locale_id:
                venue = (
                    VenuePage.objects.filter(translation_key=chosen.translation_key, locale=locale, live=True)
                    .select_related(*related)
                    .first()
                )
            if venue is None:
                venue = VenuePage.objects.filter(pk=chosen.pk).select_related(*related).first()
        context["venue"] = venue
        return context


class EventCardBlock(blocks.StructBlock):
    event = blocks.PageChooserBlock(label=_("event"), page_type="events.EventPage")

    class Meta:
        icon = "date"
        label = _("event card")
        template = "articles/blocks/event_card.html"


class ListingSearchBlock(blocks.StructBlock):
    """A link to a classifieds section, or to a site search when words are given."""

    kind = blocks.ChoiceBlock(label=_("classifieds section"), choices=LISTING_KINDS)
    query = blocks.CharBlock(label=_("search words"), required=False, max_length=100)
    label = blocks.CharBlock(label=_("link text"), max_length=120)

    class Meta:
        icon = "search"
        label = _("classifieds search link")
        template = "articles/blocks/listing_search.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.get("query"):
            context["href"] = f"{reverse('search')}?{urlencode({'q': value['query']})}"
        else:
            context["href"] = reverse("classifieds:index", args=[value["kind"]])
        return context


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=60)
    value = blocks.CharBlock(label=_("value"), max_length=200)


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=80)
    facts = blocks.ListBlock(KeyFactBlock(), label=_("facts"), min_num=1, max_num=12)

    class Meta:
        icon = "list-ul"
        label = _("key facts")
        template = "articles/blocks/key_facts.html"


class ArticleBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("rich text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        template="articles/blocks/rich_text.html",
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    venue = VenueCardBlock()
    event = EventCardBlock()
    listing_search = ListingSearchBlock()
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("text"), max_length=200)),
            ("number", blocks.DecimalBlock(label=_("number"))),
        ],
        label=_("table"),
        template="articles/blocks/table.html",
    )
    key_facts = KeyFactsBlock()
