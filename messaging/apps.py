from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self):
        from accounts.dashboard import Section, dashboard
        from core.personal_data import STAFF_ONLY, Field, Retention, registry, staff_reference
        from directory.names import attach_item_titles

        from . import queries
        from .models import Block, Enquiry, Message, MessageReport, ThreadAccessLog, ThreadMember

        def conversation(name, purpose, **kwargs):
            return Field(name, "communications", purpose, erase="delete_row", **kwargs)

        registry.declare(
            Message,
            owner="sender",
            fields=[
                conversation("body", _("The messages you send to other members")),
                conversation("fingerprint", _("Holding the same text sent to many members"), export=False),
                conversation("created_at", _("When you sent a message")),
            ],
        )
        registry.declare(
            ThreadMember,
            owner="user",
            fields=[
                conversation("last_read_at", _("Which messages you have read")),
                conversation("archived_at", _("Conversations you archived")),
                conversation("muted", _("Conversations you muted")),
            ],
        )
        registry.declare(
            Enquiry,
            owner="sender",
            fields=[
                conversation("message", _("Your enquiry to a business or application for a job")),
                conversation("about", _("The venue or job your enquiry was about")),
                Field(
                    "shared_email",
                    "contact",
                    _("Only if you chose to share it with the business"),
                    erase="delete_row",
                ),
                Field(
                    "shared_phone",
                    "contact",
                    _("Only if you chose to share it with the business"),
                    erase="delete_row",
                ),
                Field(
                    "shared_wechat",
                    "contact",
                    _("Only if you chose to share it with the business"),
                    erase="delete_row",
                ),
                conversation("created_at", _("When you sent an enquiry")),
                Field(
                    "recipient",
                    "communications",
                    _("The venue owner or employer who received it"),
                    erase="null",
                ),
            ],
            files=["cv"],
            not_personal={
                "delivered_to_email": "The business's published enquiry address, from its venue page"
            },
            retention=Retention(days=730, after="created_at"),
        )
        registry.declare(
            Block,
            owner="blocker",
            fields=[
                conversation("blocked", _("Members you blocked")),
                conversation("created_at", _("When you blocked a member")),
            ],
        )
        registry.declare(
            MessageReport,
            owner="reporter",
            fields=[
                conversation("details", _("Your report to moderators")),
                staff_reference("resolved_by", _("Which moderator handled the report")),
            ],
            retention=Retention(days=365, after="resolved_at"),
        )
        registry.declare(
            ThreadAccessLog,
            owner="staff",
            description=STAFF_ONLY,
            fields=[
                Field(
                    "accessed_at",
                    "device",
                    _("Which staff member opened a reported conversation, and when"),
                    erase="keep",
                    keep_reason=_("Audit of staff access to private messages"),
                )
            ],
            retention=Retention(days=730, after="accessed_at"),
        )

        dashboard.register(
            Section(
                key="messages",
                title=_("Messages"),
                template="messaging/dashboard_messages.html",
                get_items=lambda user: queries.inbox(user)[:5],
                empty_text=_("No conversations yet. Message a poster from any listing."),
                order=40,
            )
        )
        dashboard.register(
            Section(
                key="enquiries",
                title=_("My enquiries"),
                template="messaging/dashboard_enquiries.html",
                get_items=lambda user: attach_item_titles(queries.enquiries_of(user)[:20]),
                empty_text=_("You have not contacted a venue or applied for a job yet."),
                order=45,
            )
        )
