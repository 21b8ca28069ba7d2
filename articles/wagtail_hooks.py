"""City guide snippets in the admin: topics and authors, in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "bio"]


class CityGuideGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AuthorViewSet)
    menu_icon = "doc-full"
    menu_label = _("City guide")
    menu_name = "city-guide"
    menu_order = 150


register_snippet(CityGuideGroup)
