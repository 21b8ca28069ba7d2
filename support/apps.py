from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Support")

    def ready(self):
        from accounts.dashboard import Section, dashboard
        from core.personal_data import Field, Retention, registry, staff_reference

        from . import queries
        from .models import Ticket, TicketMessage, TicketStatusChange

        def support(name, purpose, **kwargs):
            return Field(name, "communications", purpose, erase="delete_row", **kwargs)

        registry.declare(
            Ticket,
            owner="requester",
            fields=[
                Field(
                    "name", "identity", _("The name you gave when you asked us for help"), erase="delete_row"
                ),
                Field("email", "contact", _("Where we answer your support request"), erase="delete_row"),
                support("subject", _("Your request to Longtang support")),
                support("body", _("Your request to Longtang support")),
                support("category", _("What your support request was about")),
                support("privacy_type", _("Which privacy request you made")),
                support("created_at", _("When you asked us for help")),
                staff_reference("assignee", _("Which staff member handles the request")),
            ],
            retention=Retention(days=730, after="updated_at"),
        )
        registry.declare(
            TicketMessage,
            owner="ticket__requester",
            fields=[
                support("body", _("Your replies to support, and ours to you")),
                support("author", _("Who wrote each reply")),
                support("created_at", _("When each reply was written")),
            ],
        )
        registry.declare(
            TicketStatusChange,
            owner="ticket__requester",
            fields=[support("changed_by", _("Who opened, answered or closed your support request"))],
        )

        dashboard.register(
            Section(
                key="support",
                title=_("Support requests"),
                template="support/dashboard_tickets.html",
                get_items=lambda user: queries.tickets_of(user)[:10],
                empty_text=_("You have not asked us for help yet."),
                order=90,
            )
        )
