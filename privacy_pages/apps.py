from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyPagesConfig(AppConfig):
    name = "privacy_pages"
    verbose_name = _("Policy pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import registry

        from .models import PolicyPage

        registry.exempt(PolicyPage, "Editorial policy text written and published by staff")
