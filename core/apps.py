from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import lookups, page_purge
        from .translation import keep_placeholders_offline

        lookups.install()
        page_purge.connect()
        pre_save.connect(keep_placeholders_offline, dispatch_uid="longtang_keep_placeholders_offline")
