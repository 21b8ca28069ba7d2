"""Staff view of the request log: aggregates only (R-LOG-1, R-PRIV-6).

There is deliberately no list of log rows anywhere in the admin: staff see how many
visits each page, referring site, browser, system and device kind had, with small
groups folded into "other". Nobody's trail can be followed from here."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.request_log import traffic_summary

PERMISSION = "core.view_requestlogentry"
PERIODS = (7, 30, 90)


class TrafficView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Traffic")
    header_icon = "view"
    template_name = "privacy/admin/traffic.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("privacy_traffic"), "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = int(self.request.GET.get("days", 30))
        except ValueError:
            days = 30
        days = days if days in PERIODS else 30
        summary = traffic_summary(days=days)
        context.update(
            summary=summary,
            periods=PERIODS,
            sections=[
                (_("Pages"), summary["pages"]),
                (_("Referring sites"), summary["referrers"]),
                (_("Browsers"), summary["browsers"]),
                (_("Operating systems"), summary["systems"]),
                (_("Devices"), summary["devices"]),
            ],
        )
        return context
