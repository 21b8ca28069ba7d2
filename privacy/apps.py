from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.signals import account_deletion_requested

        from . import declarations, receivers

        declarations.declare_personal_data()
        # The consent banner and the consented scripts are on every page.
        from core.page_purge import connect_site_wide

        connect_site_wide("privacy.ConsentScripts", creation_changes_pages=False)
        for model in ("cookie_consent.CookieGroup", "cookie_consent.Cookie"):
            connect_site_wide(model)
        account_deletion_requested.connect(
            receivers.erase_after_account_deletion, dispatch_uid="privacy.erase_after_account_deletion"
        )
