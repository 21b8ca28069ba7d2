"""What newsletters (and the suppression list) store about people (see
core.personal_data). Subscribers may have no account: a member's rows are those
linked to them or carrying their address."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models_mail import SuppressedAddress
from core.personal_data import Field, registry

from .models import Campaign, CampaignBatch, CampaignDelivery, NewsletterList, Subscriber, Subscription


def _email_of(user_id):
    email = get_user_model().objects.filter(pk=user_id).values_list("email", flat=True).first()
    return SuppressedAddress.normalise(email)


def subscribers_of(queryset, user_id):
    email = _email_of(user_id)
    return queryset.filter(Q(user_id=user_id) | Q(email=email) if email else Q(user_id=user_id))


def _through_subscriber(queryset, user_id):
    return queryset.filter(subscriber__in=subscribers_of(Subscriber.objects.all(), user_id))


def suppression_of(queryset, user_id):
    email = _email_of(user_id)
    return queryset.filter(email=email) if email else queryset.none()


def declare_personal_data():
    newsletter = _("The newsletters you chose")
    registry.declare(
        Subscriber,
        owner=subscribers_of,
        fields=[
            Field("email", "contact", _("Where we send the newsletters you chose"), erase="delete_row"),
            Field("user", "identity", _("Managing your newsletters from your account"), erase="delete_row"),
            Field("language", "preferences", _("The language of your newsletters"), erase="delete_row"),
            Field(
                "confirmed_at", "verification", _("Proof that you asked for newsletters"), erase="delete_row"
            ),
            Field("allow_more_promotions", "preferences", newsletter, erase="delete_row"),
            Field("created_at", "preferences", newsletter, erase="delete_row"),
        ],
    )
    registry.declare(
        Subscription,
        owner=_through_subscriber,
        fields=[
            Field("newsletter_list", "preferences", newsletter, erase="delete_row"),
            Field("active", "preferences", newsletter, erase="delete_row"),
            Field("created_at", "preferences", newsletter, erase="delete_row"),
        ],
    )
    registry.declare(
        CampaignDelivery,
        owner=_through_subscriber,
        fields=[
            Field("campaign", "communications", _("Which newsletters we sent you"), erase="delete_row"),
            Field("status", "communications", _("Which newsletters we sent you"), erase="delete_row"),
            Field(
                "sent_at",
                "communications",
                _("Sending at most two promotional newsletters a month"),
                erase="delete_row",
            ),
            Field(
                "bounced_at",
                "communications",
                _("Stopping email that cannot be delivered"),
                erase="delete_row",
            ),
            Field("complained_at", "communications", _("Stopping email you reported"), erase="delete_row"),
            Field("unsubscribed_at", "communications", newsletter, erase="delete_row"),
        ],
    )
    # With the account gone, nothing is left that would write to the address: the
    # suppression goes too (a new subscription needs a new confirmation).
    registry.declare(
        SuppressedAddress,
        owner=suppression_of,
        fields=[
            Field(
                "email",
                "contact",
                _("Sending no optional email to an address that bounced or asked us to stop"),
                erase="delete_row",
            ),
            Field("reason", "contact", _("Why we stopped sending you optional email"), erase="delete_row"),
            Field("detail", "contact", _("Why we stopped sending you optional email"), erase="delete_row"),
            Field(
                "created_at", "contact", _("When we stopped sending you optional email"), erase="delete_row"
            ),
        ],
    )
    reason = _("Editorial content written by staff; it names no subscriber")
    registry.exempt(NewsletterList, reason)
    registry.exempt(Campaign, reason)
    registry.exempt(CampaignBatch, _("Groups deliveries for sending; holds no address"))
