"""Mailgun tracking webhooks through anymail.

anymail's view checks Mailgun's signature (HMAC-SHA256 of timestamp + token with
the webhook signing key). On top of it, a call is refused when its timestamp is
too old or in the future, or when its token was taken before (a replay). The
token is remembered in the same transaction as the event's effects: a call that
fails is not remembered, so Mailgun's retry is taken.
"""

import datetime
import json
import logging
import time

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import EventType, tracking
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from core.models_mail import SuppressedAddress, WebhookReceipt

from .models import CampaignDelivery

logger = logging.getLogger(__name__)

FUTURE_SKEW_SECONDS = 5 * 60


def signature_fields(request):
    """(token, timestamp) of a call, refusing any body that is not shaped like Mailgun's."""
    if request.content_type != "application/json":
        try:
            return request.POST["token"], request.POST["timestamp"]
        except KeyError as error:
            raise AnymailWebhookValidationFailure("Mailgun webhook without its signature") from error
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise AnymailWebhookValidationFailure("Mailgun webhook that is not JSON") from error
    block = body.get("signature") if isinstance(body, dict) else None
    values = (
        [block.get(name) for name in ("token", "timestamp", "signature")] if isinstance(block, dict) else []
    )
    if len(values) != 3 or not all(isinstance(value, (str, int)) for value in values):
        raise AnymailWebhookValidationFailure("Mailgun webhook without its signature")
    if not isinstance(body.get("event-data"), dict):
        raise AnymailWebhookValidationFailure("Mailgun webhook without event data")
    return str(values[0]), str(values[1])


def remember(token, timestamp):
    """Refuse stale, future and already-seen calls; remember this one."""
    try:
        when = int(timestamp)
    except ValueError as error:
        raise AnymailWebhookValidationFailure("Mailgun webhook with a malformed timestamp") from error
    now = time.time()
    if when < now - settings.MAIL_WEBHOOK_MAX_AGE_SECONDS or when > now + FUTURE_SKEW_SECONDS:
        raise AnymailWebhookValidationFailure("Mailgun webhook timestamp out of range")
    if len(token) > 200:
        raise AnymailWebhookValidationFailure("Mailgun webhook token too long")
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(token=token, timestamp=when)
    except IntegrityError as error:
        raise AnymailWebhookValidationFailure("Mailgun webhook replayed") from error
    # Tokens older than the accepted age can never be replayed: forget them.
    horizon = timezone.now() - datetime.timedelta(seconds=2 * settings.MAIL_WEBHOOK_MAX_AGE_SECONDS)
    WebhookReceipt.objects.filter(received_at__lt=horizon).delete()


class ReplayProtectedMailgunTrackingView(MailgunTrackingWebhookView):
    def run_validators(self, request):
        fields = signature_fields(request)  # a malformed body is refused before anymail reads it
        super().run_validators(request)  # basic auth (if set) and Mailgun's signature
        remember(*fields)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


def delivery_of(event):
    """The campaign delivery an event is about (from the per-recipient metadata)."""
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    delivery_id = str(metadata.get("delivery", ""))
    if not delivery_id.isdigit():
        return None
    delivery = (
        CampaignDelivery.objects.select_related("subscriber", "campaign").filter(pk=int(delivery_id)).first()
    )
    if delivery is None or not event.recipient:
        return None
    if delivery.subscriber.email != SuppressedAddress.normalise(event.recipient):
        return None  # metadata that does not match the recipient is ignored
    return delivery


def valid_address(value):
    if not isinstance(value, str) or len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


@receiver(tracking, dispatch_uid="newsletters.mail_tracking")
def handle_tracking(sender, event, esp_name, **kwargs):
    """A hard bounce or a complaint suppresses the address for non-essential mail;
    an unsubscribe through the provider ends the subscription to that list."""
    if esp_name != "Mailgun" or not valid_address(event.recipient):
        return
    delivery = delivery_of(event)
    now = timezone.now()
    detail = str(event.description or event.mta_response or "")[:300]
    if event.event_type == EventType.BOUNCED:
        SuppressedAddress.suppress(event.recipient, SuppressedAddress.BOUNCED, detail)
        if delivery:
            CampaignDelivery.objects.filter(pk=delivery.pk, bounced_at__isnull=True).update(bounced_at=now)
    elif event.event_type == EventType.COMPLAINED:
        SuppressedAddress.suppress(event.recipient, SuppressedAddress.COMPLAINED, detail)
        if delivery:
            CampaignDelivery.objects.filter(pk=delivery.pk, complained_at__isnull=True).update(
                complained_at=now
            )
    elif event.event_type == EventType.UNSUBSCRIBED:
        if delivery:
            from .subscriptions import unsubscribe

            unsubscribe(delivery.subscriber, delivery.campaign.newsletter_list_id)
            CampaignDelivery.objects.filter(pk=delivery.pk, unsubscribed_at__isnull=True).update(
                unsubscribed_at=now
            )
        else:
            SuppressedAddress.suppress(event.recipient, SuppressedAddress.UNSUBSCRIBED, detail)
