from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from accounts.dashboard import Section, dashboard
        from core.personal_data import Field, registry

        from . import receivers
        from .models import EventPage, EventSubmission

        receivers.connect()
        registry.exempt(
            EventPage,
            "Public event listings published by editors; who sent an event in is kept in EventSubmission",
        )
        registry.declare(
            EventSubmission,
            owner="submitter",
            fields=[
                Field(
                    "note",
                    "communications",
                    _("Your note to the editors about an event you sent in"),
                    erase="delete_row",
                ),
                Field("created_at", "content", _("When you sent an event in"), erase="delete_row"),
                Field(
                    "decision_note",
                    "communications",
                    _("The editors' reply to an event you sent in"),
                    erase="delete_row",
                ),
            ],
        )

        def my_submissions(user):
            return (
                EventSubmission.objects.filter(submitter=user)
                .select_related("page", "page__locale")
                .order_by("-created_at")
            )

        dashboard.register(
            Section(
                key="events",
                title=_("Events you sent in"),
                template="events/dashboard_section.html",
                get_items=my_submissions,
                empty_text=_("You have not sent in an event yet."),
                order=30,
            )
        )
