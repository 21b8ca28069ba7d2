"""Provider notifications and queries end here: verified, checked against the order
(amount, currency), applied at most once, and every one of them logged."""

import logging

from django.db import transaction

from .models import NotificationOutcome, Order, PaymentNotification
from .orders import mark_paid
from .providers import get_provider
from .providers.base import InvalidNotification

logger = logging.getLogger(__name__)


def receive(method, request):
    """Handle a provider's call to us; returns the response the provider expects."""
    provider = get_provider(method)
    try:
        event = provider.parse_notification(request)
    except InvalidNotification as error:
        PaymentNotification.objects.create(
            method=method,
            signature_valid=False,
            outcome=NotificationOutcome.REJECTED,
            detail=str(error)[:300],
        )
        logger.warning("Rejected %s notification: %s", method, error)
        return provider.acknowledge(False)
    record = apply(method, event)
    return provider.acknowledge(record.outcome != NotificationOutcome.REJECTED)


@transaction.atomic
def apply(method, event, source=""):
    """Apply a verified ``PaymentEvent``; returns the logged ``PaymentNotification``."""
    order = Order.objects.select_for_update().filter(reference=event.order_reference, method=method).first()
    outcome, detail = NotificationOutcome.ACCEPTED, source
    if order is None:
        outcome, detail = NotificationOutcome.REJECTED, "No such order"
    elif not event.paid:
        outcome, detail = NotificationOutcome.IGNORED, "Not paid"
    elif event.amount != order.amount or event.currency != order.currency:
        outcome = NotificationOutcome.REJECTED
        detail = f"Amount {event.amount} {event.currency} does not match {order.amount} {order.currency}"
    elif not mark_paid(order, provider_reference=event.provider_reference):
        outcome, detail = NotificationOutcome.DUPLICATE, "Order already paid"
    if outcome == NotificationOutcome.REJECTED:
        logger.warning("Rejected %s payment for %s: %s", method, event.order_reference, detail)
    return PaymentNotification.objects.create(
        method=method,
        event_id=event.event_id[:100],
        order=order,
        provider_reference=event.provider_reference[:64],
        amount=event.amount,
        currency=event.currency[:3],
        signature_valid=True,
        outcome=outcome,
        detail=detail[:300],
    )
