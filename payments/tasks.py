import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from accounts.language import language_of
from core.mail import send_once

from . import notifications, orders
from .models import Invoice, Order, OrderStatus, PaymentMethod
from .providers import get_provider
from .providers.base import ProviderError

logger = logging.getLogger(__name__)
BATCH = 200


@shared_task(acks_late=True, ignore_result=True)
def send_receipt(invoice_pk):
    """The invoice by email once an order is paid. Essential: the buyer paid."""
    invoice = Invoice.objects.select_related("order__product", "buyer__profile").filter(pk=invoice_pk).first()
    if invoice is None or invoice.buyer is None or not invoice.buyer.email:
        return
    send_once(
        f"payments-receipt:{invoice.number}",
        invoice.buyer.email,
        "payments/email/receipt",
        {"invoice": invoice, "order": invoice.order},
        language_of(invoice.buyer),
        essential=True,
    )


@shared_task(acks_late=True, ignore_result=True)
def query_order(order_pk):
    """Ask the provider whether a pending order was paid: return pages never mark an
    order paid themselves, and a notification may never arrive."""
    order = Order.objects.filter(pk=order_pk, status=OrderStatus.PENDING).first()
    if order is None or order.method == PaymentMethod.BANK:
        return
    Order.objects.filter(pk=order.pk).update(last_queried_at=timezone.now())
    try:
        event = get_provider(order.method).query(order)
    except ProviderError as error:
        logger.warning("Could not query %s about order %s: %s", order.method, order.reference, error)
        return
    if event is not None and event.paid:
        notifications.apply(order.method, event, source="query")


@shared_task(acks_late=True, ignore_result=True)
def check_pending_orders():
    """Beat, every few minutes: query online orders still pending, then expire the
    ones past their time (an expired order is queried one last time first)."""
    now = timezone.now()
    online = Order.objects.filter(status=OrderStatus.PENDING).exclude(method=PaymentMethod.BANK)
    due = online.filter(created_at__lte=now - timedelta(minutes=1)).order_by("last_queried_at", "created_at")
    for pk in due.values_list("pk", flat=True)[:BATCH]:
        query_order(pk)
    stale = Order.objects.filter(status=OrderStatus.PENDING, expires_at__lte=now)
    for order in stale.order_by("expires_at")[:BATCH]:
        orders.expire(order)
