"""Invoices and credit notes (R-PAY-2): numbered per year without gaps, frozen once
issued, kept (minimised) after the buyer's account is gone."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Invoice, InvoiceKind, InvoiceSequence

CENT = Decimal("0.01")


def split_tax(total, rate):
    """Prices include tax: the net and tax parts of ``total`` at ``rate``."""
    net = (total / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return net, total - net


def next_number(year):
    """Take the year's next number. The sequence row stays locked until the
    transaction ends, so a rolled-back invoice gives its number back."""
    InvoiceSequence.objects.bulk_create([InvoiceSequence(year=year)], ignore_conflicts=True)
    sequence = InvoiceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _issue(order, *, kind, lines, total, corrects=None):
    now = timezone.now()
    year = timezone.localtime(now).year
    sequence = next_number(year)
    prefix = "CN" if kind == InvoiceKind.CREDIT_NOTE else "INV"
    net, tax = split_tax(total, order.tax_rate)
    return Invoice.objects.create(
        number=f"{prefix}-{year}-{sequence:06d}",
        year=year,
        sequence=sequence,
        kind=kind,
        order=order,
        corrects=corrects,
        buyer=order.buyer,
        buyer_name=order.invoice_name,
        buyer_tax_id=order.invoice_tax_id,
        buyer_email=order.buyer.email if order.buyer else "",
        seller=dict(settings.PAYMENTS_SELLER),
        lines=lines,
        net=net,
        tax=tax,
        total=total,
        tax_rate=order.tax_rate,
        currency=order.currency,
        issued_at=now,
    )


@transaction.atomic
def issue_invoice(order):
    """The order's invoice, issued once."""
    existing = order.invoices.filter(kind=InvoiceKind.INVOICE).first()
    if existing:
        return existing
    net, tax = split_tax(order.amount, order.tax_rate)
    line = {
        "description_en": order.product.name_en,
        "description_zh": order.product.name_zh or order.product.name_en,
        "quantity": 1,
        "unit_price": str(order.amount),
        "net": str(net),
        "tax": str(tax),
        "total": str(order.amount),
    }
    return _issue(order, kind=InvoiceKind.INVOICE, lines=[line], total=order.amount)


@transaction.atomic
def issue_credit_note(invoice):
    """Cancel ``invoice`` in full with a credit note (negative amounts)."""
    existing = invoice.credit_notes.first()
    if existing:
        return existing
    lines = [
        {
            **line,
            "unit_price": str(-Decimal(line["unit_price"])),
            "net": str(-Decimal(line["net"])),
            "tax": str(-Decimal(line["tax"])),
            "total": str(-Decimal(line["total"])),
        }
        for line in invoice.lines
    ]
    return _issue(
        invoice.order, kind=InvoiceKind.CREDIT_NOTE, lines=lines, total=-invoice.total, corrects=invoice
    )


def render_pdf(invoice, html):
    """The invoice's HTML, printed to PDF (WeasyPrint is imported only here: the
    site runs without Pango; only PDF downloads need it)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL).write_pdf()
