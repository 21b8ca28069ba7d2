"""What payments keep about members, and what survives their erasure: tax law keeps
invoices (and the orders they belong to), minimised to what an invoice must show, until
the legal retention period ends."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.personal_data import Field, Retention, registry, staff_reference

TAX_RECORDS = _("Tax law requires invoices and their orders to be kept for the legal retention period")


def declare():
    from .models import AdBooking, CreditEntry, Invoice, InvoiceSequence, Order, PaymentNotification, Product

    # Banners are found through their order's buyer: erase them before the order
    # forgets its buyer.
    registry.declare(
        AdBooking,
        owner="order__buyer",
        fields=[
            Field("link_url", "content", _("Where your banner links to"), erase="blank"),
            Field("alt_text", "content", _("Your banner's text"), erase="blank"),
            staff_reference("reviewed_by", _("Which editor reviewed your banner")),
        ],
        files=["image"],
    )
    registry.declare(
        Order,
        owner="buyer",
        fields=[
            Field("buyer", "payment", _("Who placed the order"), erase="null"),
            Field(
                "invoice_name",
                "payment",
                _("The name you asked us to put on your invoice"),
                erase="keep",
                keep_reason=TAX_RECORDS,
            ),
            Field(
                "invoice_tax_id",
                "payment",
                _("Your company's tax ID for a company invoice"),
                erase="keep",
                keep_reason=TAX_RECORDS,
            ),
            Field(
                "provider_reference",
                "payment",
                _("The payment provider's transaction number, to match your payment"),
                erase="keep",
                keep_reason=TAX_RECORDS,
            ),
            staff_reference("marked_paid_by", _("Which staff member matched a bank transfer")),
        ],
        # Orders outlive their invoices (which point at them) by a year.
        retention=Retention(days=settings.PAYMENTS_INVOICE_RETENTION_DAYS + 366, after="created_at"),
    )
    registry.declare(
        Invoice,
        owner="buyer",
        fields=[
            Field("buyer", "payment", _("Whose invoice it is"), erase="null"),
            Field(
                "buyer_name", "payment", _("The name on your invoices"), erase="keep", keep_reason=TAX_RECORDS
            ),
            Field(
                "buyer_tax_id",
                "payment",
                _("Your company's tax ID on your invoices"),
                erase="keep",
                keep_reason=TAX_RECORDS,
            ),
            Field("buyer_email", "contact", _("Where we sent your invoices"), erase="blank"),
        ],
        retention=Retention(days=settings.PAYMENTS_INVOICE_RETENTION_DAYS, after="issued_at"),
    )
    registry.declare(
        CreditEntry,
        owner="user",
        fields=[
            Field("user", "payment", _("Whose job credits these are"), erase="null"),
            Field("reason", "payment", _("Why staff changed your job credits"), erase="blank"),
            staff_reference("created_by", _("Which staff member changed your job credits")),
        ],
    )
    registry.exempt(
        PaymentNotification,
        "Provider calls keep only order and transaction numbers and amounts; payer identifiers are dropped",
    )
    registry.exempt(Product, "The price list")
    registry.exempt(InvoiceSequence, "Invoice counters per year")
