from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from accounts.dashboard import Section, dashboard

        from . import personal_data, queries

        personal_data.declare()
        dashboard.register(
            Section(
                key="payments",
                title=_("Job credits, orders and invoices"),
                template="payments/dashboard_payments.html",
                get_items=queries.dashboard_summary,
                empty_text=_("You have not bought anything yet."),
                order=80,
            )
        )
