from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from privacy import consent

from .registry_table import list_separator, registry_rows, rows_for_display


class PersonalDataTableBlock(blocks.StructBlock):
    """The "what we collect" table, generated from the personal-data registry so the
    policy can never drift from what the code stores. A published version shows the
    registry as it was when that version was published."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    include_staff_data = blocks.BooleanBlock(
        label=_("also list data kept only about staff and editors"), required=False, default=False
    )

    class Meta:
        icon = "table"
        label = _("what we collect (from the registry)")
        template = "privacy_pages/blocks/personal_data_table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        snapshot = (
            getattr(page, "registry_snapshot", None) if getattr(page, "is_old_version", False) else None
        )
        rows = snapshot if snapshot else registry_rows()
        context["groups"] = rows_for_display(rows, include_staff=bool(value.get("include_staff_data")))
        context["separator"] = list_separator()
        return context


class CookieTableBlock(blocks.StructBlock):
    """Every cookie group and its cookies, as configured in the admin."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)

    class Meta:
        icon = "list-ul"
        label = _("cookie list")
        template = "privacy_pages/blocks/cookie_table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["groups"] = consent.groups_for_display(request) if request is not None else []
        return context


class PolicyBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("section heading"), max_length=120, template="privacy_pages/blocks/heading.html"
    )
    rich_text = blocks.RichTextBlock(
        label=_("rich text"),
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        template="home/blocks/rich_text.html",
    )
    personal_data_table = PersonalDataTableBlock()
    cookie_table = CookieTableBlock()
