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


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("pages"), max_num=12)

    class Meta:
        icon = "list-ul"
        label = _("featured pages")
        template = "home/blocks/featured_pages.html"


class BodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    rich_text = blocks.RichTextBlock(
        label=_("rich text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        template="home/blocks/rich_text.html",
    )
    featured_pages = FeaturedPagesBlock()
