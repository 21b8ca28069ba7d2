from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=60)
    url = blocks.URLBlock(label=_("link"))

    class Meta:
        label = _("Button")
        template = "newsletters/blocks/button.html"


class CampaignBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, template="newsletters/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    button = ButtonBlock()
