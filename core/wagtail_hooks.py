from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, LineStop, MetroLine, MetroStation


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
