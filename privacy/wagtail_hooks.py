from cookie_consent.models import Cookie, CookieGroup
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import PERMISSION, TrafficView


@hooks.register("register_admin_urls")
def register_traffic_url():
    return [path("privacy/traffic/", TrafficView.as_view(), name="privacy_traffic")]


class TrafficMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class CookieGroupViewSet(ModelViewSet):
    model = CookieGroup
    icon = "folder-open-inverse"
    menu_label = _("Cookie groups")
    list_display = ["varname", "name", "is_required", "ordering"]
    form_fields = ["name", "description", "is_required", "is_deletable", "ordering"]
    ordering = ["ordering"]
    add_to_admin_menu = False


class CookieViewSet(ModelViewSet):
    model = Cookie
    icon = "tag"
    menu_label = _("Cookies")
    list_display = ["name", "cookiegroup", "domain", "path"]
    list_filter = ["cookiegroup"]
    form_fields = ["cookiegroup", "name", "description", "path", "domain"]
    add_to_admin_menu = False


class PrivacyGroup(ViewSetGroup):
    menu_label = _("Privacy")
    menu_icon = "lock"
    menu_order = 950
    items = (CookieGroupViewSet, CookieViewSet)

    def get_submenu_items(self):
        traffic = TrafficMenuItem(_("Traffic"), reverse_lazy("privacy_traffic"), icon_name="view", order=100)
        return [*super().get_submenu_items(), traffic]


@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    return PrivacyGroup()
