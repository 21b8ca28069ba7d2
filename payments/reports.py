"""Staff reports: reconciliation (orders vs provider notifications vs ledger and
invoices, mismatches flagged) and revenue by product and month."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .models import (
    CreditEntry,
    EntryKind,
    Invoice,
    InvoiceKind,
    NotificationOutcome,
    Order,
    OrderStatus,
    PaymentMethod,
    PaymentNotification,
    ProductKind,
)

PAID = [OrderStatus.PAID, OrderStatus.FULFILLED]


@dataclass
class Mismatch:
    problem: str
    orders: list


def reconciliation(limit=100):
    """Everything that does not add up, each with the orders concerned."""
    with_invoice = Exists(Invoice.objects.filter(order=OuterRef("pk"), kind=InvoiceKind.INVOICE))
    with_credit_note = Exists(Invoice.objects.filter(order=OuterRef("pk"), kind=InvoiceKind.CREDIT_NOTE))
    accepted = Exists(
        PaymentNotification.objects.filter(order=OuterRef("pk"), outcome=NotificationOutcome.ACCEPTED)
    )
    purchase = Exists(CreditEntry.objects.filter(order=OuterRef("pk"), kind=EntryKind.PURCHASE))
    refund = Exists(CreditEntry.objects.filter(order=OuterRef("pk"), kind=EntryKind.REFUND))
    orders = Order.objects.select_related("product", "buyer")
    checks = [
        (
            _("Paid, but not delivered: the banner's days were taken meanwhile (rebook or refund)"),
            orders.filter(status=OrderStatus.PAID),
        ),
        (_("Paid, but no invoice was issued"), orders.filter(status__in=PAID).exclude(with_invoice)),
        (
            _("Paid online, but no accepted provider notification or query"),
            orders.filter(status__in=PAID).exclude(method=PaymentMethod.BANK).exclude(accepted),
        ),
        (
            _("Credit pack paid, but no credits in the ledger"),
            orders.filter(status__in=PAID, product__kind=ProductKind.JOB_CREDITS).exclude(purchase),
        ),
        (
            _("Refunded, but no credit note"),
            orders.filter(status=OrderStatus.REFUNDED).filter(with_invoice).exclude(with_credit_note),
        ),
        (
            _("Credit pack refunded, but its credits were not taken back"),
            orders.filter(status=OrderStatus.REFUNDED, product__kind=ProductKind.JOB_CREDITS)
            .filter(purchase)
            .exclude(refund),
        ),
        (
            _("Provider notification rejected (wrong amount or unknown order)"),
            orders.filter(
                Exists(
                    PaymentNotification.objects.filter(
                        order=OuterRef("pk"), outcome=NotificationOutcome.REJECTED, signature_valid=True
                    )
                )
            ),
        ),
        (
            _("Paid after the time to pay had passed: check it was wanted"),
            orders.filter(status__in=PAID, paid_at__gt=F("expires_at")),
        ),
    ]
    return [Mismatch(str(problem), list(queryset[:limit])) for problem, queryset in checks]


def unmatched_notifications(limit=100):
    """Signed provider calls that matched no order."""
    return list(
        PaymentNotification.objects.filter(order__isnull=True, signature_valid=True).exclude(
            outcome=NotificationOutcome.IGNORED
        )[:limit]
    )


def pending_bank_transfers():
    return list(
        Order.objects.filter(method=PaymentMethod.BANK, status__in=[OrderStatus.PENDING, OrderStatus.EXPIRED])
        .select_related("product", "buyer")
        .order_by("created_at")
    )


def revenue_by_month():
    """Paid money per month and product: invoices minus credit notes."""
    return list(
        Invoice.objects.annotate(month=TruncMonth("issued_at"))
        .values("month", "order__product__code", "order__product__name_en")
        .annotate(
            net=Sum("net"),
            tax=Sum("tax"),
            total=Sum("total"),
            invoices=Count("pk", filter=Q(kind=InvoiceKind.INVOICE)),
            credit_notes=Count("pk", filter=Q(kind=InvoiceKind.CREDIT_NOTE)),
        )
        .order_by("-month", "order__product__code")
    )
