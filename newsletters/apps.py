from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from . import receivers, webhooks  # noqa: F401 - Mailchimp on deletion, the tracking signal
        from .personal_data import declare_personal_data

        declare_personal_data()
