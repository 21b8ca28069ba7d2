from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import purge, receivers  # noqa: F401 - receivers connects the signal receivers
        from .personal_data import declare_personal_data

        declare_personal_data()
        purge.connect()


class LongtangUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with verification columns and filters."""

    default = False
    user_viewset = "accounts.admin_views.UserViewSet"
