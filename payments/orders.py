"""Every change of an order's state goes through here (R-PAY-1, R-PAY-2):
pending → paid → fulfilled, or cancelled / expired / refunded."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import fulfilment, invoices, ledger
from .models import AdStatus, Order, OrderStatus, PaymentMethod, ProductKind

logger = logging.getLogger(__name__)

PAID_STATES = {OrderStatus.PAID, OrderStatus.FULFILLED}


class OrderError(Exception):
    """A user-facing reason why this cannot happen to the order now."""


def order_lifetime(method):
    hours = (
        settings.PAYMENTS_BANK_ORDER_HOURS if method == PaymentMethod.BANK else settings.PAYMENTS_ORDER_HOURS
    )
    return timedelta(hours=hours)


@transaction.atomic
def create_order(buyer, product, method, *, invoice_name, invoice_tax_id="", listing=None):
    if not product.active:
        raise OrderError(_("This product is no longer on sale."))
    if product.kind == ProductKind.FEATURED and listing is None:
        raise OrderError(_("Choose the listing to feature."))
    now = timezone.now()
    return Order.objects.create(
        buyer=buyer,
        product=product,
        listing=listing,
        amount=product.price,
        tax_rate=settings.PAYMENTS_TAX_RATE,
        method=method,
        invoice_name=invoice_name,
        invoice_tax_id=invoice_tax_id,
        created_at=now,
        expires_at=now + order_lifetime(method),
    )


def _locked(order):
    return Order.objects.select_for_update(of=("self",)).select_related("product", "buyer").get(pk=order.pk)


@transaction.atomic
def mark_paid(order, *, provider_reference="", by=None):
    """Record the payment and fulfil the order at once. Returns False when the order
    was already paid (a repeated notification changes nothing)."""
    order = _locked(order)
    if order.status in PAID_STATES or order.status == OrderStatus.REFUNDED:
        return False
    # A late payment for an order that expired or was cancelled is still money
    # received: it is accepted and fulfilled, and shows in reconciliation.
    now = timezone.now()
    order.status = OrderStatus.PAID
    order.paid_at = now
    order.provider_reference = provider_reference or order.provider_reference
    order.marked_paid_by = by
    order.save(update_fields=["status", "paid_at", "provider_reference", "marked_paid_by"])
    invoice = invoices.issue_invoice(order)
    fulfil(order)
    from .tasks import send_receipt

    transaction.on_commit(lambda: send_receipt.delay(invoice.pk))
    return True


def fulfil(order):
    """Deliver what was bought: credits, a featured run, a banner for review.
    Returns False when it cannot be delivered (the order stays paid)."""
    kind = order.product.kind
    if kind == ProductKind.JOB_CREDITS:
        ledger.add_purchase(order)
    elif kind == ProductKind.AD_SLOT:
        booking = getattr(order, "ad", None)
        if booking and booking.status == AdStatus.CANCELLED:
            # Paid after it was cancelled or expired: its days are booked again if
            # still free; otherwise the order stays paid, undelivered, for staff to
            # rebook or refund (reconciliation lists it).
            from .banners import position_taken

            if position_taken(booking.position, booking.starts_on, booking.ends_on, exclude=booking):
                return False
            booking.status = AdStatus.AWAITING_PAYMENT
        if booking and booking.status == AdStatus.AWAITING_PAYMENT:
            booking.status = AdStatus.IN_REVIEW
            booking.save(update_fields=["status"])
    else:
        # Goods owned by another app (a featured run): that app registered how.
        delivery = fulfilment.handler_for(kind)
        if delivery is None:
            # Nobody delivers this kind: the order stays paid, undelivered, and
            # reconciliation lists it for staff.
            logger.error("No fulfilment registered for %s (order %s)", kind, order.reference)
            return False
        if not delivery.fulfil(order):
            return False
    order.status = OrderStatus.FULFILLED
    order.fulfilled_at = timezone.now()
    order.save(update_fields=["status", "fulfilled_at"])
    return True


@transaction.atomic
def cancel(order):
    """The buyer gives up an unpaid order."""
    order = _locked(order)
    if order.status != OrderStatus.PENDING:
        raise OrderError(_("Only orders waiting for payment can be cancelled."))
    order.status = OrderStatus.CANCELLED
    order.save(update_fields=["status"])
    _cancel_booking(order)
    return order


@transaction.atomic
def expire(order):
    order = _locked(order)
    if order.status != OrderStatus.PENDING or order.expires_at > timezone.now():
        return False
    order.status = OrderStatus.EXPIRED
    order.save(update_fields=["status"])
    _cancel_booking(order)
    return True


def _cancel_booking(order):
    booking = getattr(order, "ad", None)
    if booking and booking.status in (AdStatus.AWAITING_PAYMENT, AdStatus.IN_REVIEW, AdStatus.APPROVED):
        booking.status = AdStatus.CANCELLED
        booking.save(update_fields=["status"])
        from .banners import forget

        transaction.on_commit(lambda: forget(booking))


@transaction.atomic
def refund(order, by):
    """Money given back (through the provider's merchant console or the bank): the
    purchase is reversed in the ledger, the featured run or banner ends, and a credit
    note cancels the invoice."""
    order = _locked(order)
    if order.status not in PAID_STATES:
        raise OrderError(_("Only paid orders can be refunded."))
    kind = order.product.kind
    if kind == ProductKind.JOB_CREDITS:
        ledger.reverse_purchase(order)
    elif (delivery := fulfilment.handler_for(kind)) is not None:
        delivery.refund(order)
    _cancel_booking(order)
    order.status = OrderStatus.REFUNDED
    order.refunded_at = timezone.now()
    order.save(update_fields=["status", "refunded_at"])
    invoice = order.invoices.filter(corrects__isnull=True).first()
    note = invoices.issue_credit_note(invoice) if invoice else None
    logger.info("Order %s refunded by %s", order.reference, getattr(by, "pk", None))
    return note
