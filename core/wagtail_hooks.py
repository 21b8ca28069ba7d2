from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, LineStop, MetroLine, MetroStation
from .tag_admin import TagViewSet
from .translation_admin import SyncTranslatedPagesView, translation_status_buttons


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name_en", "name_zh", "code"]
    search_fields = ["name_en", "name_zh", "code"]
    ordering = ["sort_order", "name_en"]


class MetroLineViewSet(SnippetViewSet):
    model = MetroLine
    icon = "list-ol"
    menu_label = _("Metro lines")
    list_display = ["name_en", "name_zh", "code", "colour"]
    search_fields = ["name_en", "name_zh", "code"]


class MetroStationViewSet(SnippetViewSet):
    model = MetroStation
    icon = "pick"
    menu_label = _("Metro stations")
    list_display = ["name_en", "name_zh", "district"]
    list_filter = ["district", "lines"]
    search_fields = ["name_en", "name_zh", "code"]


class LineStopViewSet(SnippetViewSet):
    model = LineStop
    icon = "order"
    menu_label = _("Line stops")
    list_display = ["line", "position", "station"]
    list_filter = ["line"]


class CityDataGroup(SnippetViewSetGroup):
    menu_label = _("City data")
    menu_icon = "site"
    menu_order = 900
    items = (DistrictViewSet, MetroLineViewSet, MetroStationViewSet, LineStopViewSet)


register_snippet(CityDataGroup)
register_snippet(TagViewSet)  # English and Chinese names of tags (core/tag_admin.py)


# Translation workflow (core/translation_admin.py).
hooks.register("register_page_listing_buttons", translation_status_buttons)
hooks.register("register_page_header_buttons", translation_status_buttons)


@hooks.register("register_admin_urls", order=-1)
def sync_translated_pages_url():
    """Answer wagtail-localize's "Sync translated pages" address first (same path,
    so every link to it lands here)."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslatedPagesView.as_view(),
            name="longtang_sync_translated_pages",
        )
    ]


@hooks.register("insert_global_admin_css")
def longtang_admin_css():
    """The admin screens' own styles, from a file rather than style attributes."""
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


# A snippet can be shown anywhere (a page's chooser, a menu, a block): saving one
# purges every cached page.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def purge_pages_after_snippet_change(request, instance_or_instances):
    from .page_purge import on_site_wide_change

    on_site_wide_change(sender=None)
