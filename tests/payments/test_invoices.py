"""Invoices: gap-free yearly numbers, frozen once issued, credit notes, PDF, kept
(minimised) when the buyer's account is erased."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from payments import invoices, ledger, orders
from payments.models import Invoice, InvoiceKind, Order
from privacy.erasure import erase_user
from tests.factories.payments import OrderFactory, ProductFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_tax_is_split_out_of_the_price():
    assert invoices.split_tax(Decimal("250.00"), Decimal("0.06")) == (Decimal("235.85"), Decimal("14.15"))


def test_paying_issues_one_numbered_invoice_with_seller_buyer_lines_and_tax(settings):
    order = OrderFactory(invoice_name="Lane Coffee Ltd", invoice_tax_id="91310000MA1K000001")
    orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    assert invoice.number.startswith(f"INV-{invoice.year}-")
    assert invoice.sequence == 1
    assert invoice.buyer_name == "Lane Coffee Ltd"
    assert invoice.buyer_tax_id == "91310000MA1K000001"
    assert invoice.seller["tax_id"] == settings.PAYMENTS_SELLER["tax_id"]
    assert invoice.total == Decimal("250.00") and invoice.net + invoice.tax == invoice.total
    assert invoice.lines[0]["description_en"] == order.product.name_en


def test_an_issued_invoice_cannot_be_changed():
    order = OrderFactory()
    orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    invoice.total = Decimal("1.00")
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).update(total=Decimal("1.00"))
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).delete()
    assert Invoice.objects.get(pk=invoice.pk).total == order.amount


def test_only_retention_removes_invoices_past_their_legal_period(settings):
    from datetime import timedelta

    from django.utils import timezone

    from core.personal_data import registry
    from privacy.retention import apply_declaration

    order = OrderFactory()
    orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    later = invoice.issued_at + timedelta(days=settings.PAYMENTS_INVOICE_RETENTION_DAYS + 1)
    assert apply_declaration(registry.get(Invoice), now=timezone.now()) == (0, 0)
    assert apply_declaration(registry.get(Invoice), now=later) == (1, 0)
    assert not Invoice.objects.filter(pk=invoice.pk).exists()


def test_a_refund_reverses_the_credits_and_issues_a_credit_note():
    buyer = UserFactory()
    order = OrderFactory(buyer=buyer, product=ProductFactory(credits=5))
    orders.mark_paid(order)
    assert ledger.balance(buyer) == 5
    note = orders.refund(order, by=UserFactory(is_staff=True))
    order.refresh_from_db()
    assert order.status == "refunded"
    assert ledger.balance(buyer) == 0
    assert note.kind == InvoiceKind.CREDIT_NOTE and note.number.startswith("CN-")
    assert note.total == Decimal("-250.00") and note.corrects.order == order
    # Refunding again is refused and issues nothing more.
    with pytest.raises(orders.OrderError):
        orders.refund(order, by=None)
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1


def test_numbers_follow_each_other_without_gaps():
    paid = []
    for _ in range(3):
        order = OrderFactory()
        orders.mark_paid(order)
        paid.append(Invoice.objects.get(order=order).sequence)
    assert paid == [1, 2, 3]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_payments_get_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL")
    pending = [OrderFactory() for _ in range(6)]
    barrier = threading.Barrier(len(pending))
    errors = []

    def pay(order):
        try:
            barrier.wait()
            orders.mark_paid(order)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(order,)) for order in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_erasing_the_buyer_keeps_the_invoice_with_minimised_data():
    buyer = UserFactory(email="mei@example.com")
    order = OrderFactory(buyer=buyer, invoice_name="Mei Chen")
    orders.mark_paid(order)
    erase_user(buyer.pk)
    invoice = Invoice.objects.get(order=order)
    assert invoice.buyer_id is None
    assert invoice.buyer_email == ""
    assert invoice.buyer_name == "Mei Chen"  # the tax office needs it
    assert invoice.total == Decimal("250.00")
    assert Order.objects.get(pk=order.pk).buyer_id is None


def test_invoice_pages_are_the_buyers_own(client):
    buyer, stranger = UserFactory(), UserFactory()
    order = OrderFactory(buyer=buyer)
    orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    client.force_login(stranger)
    assert client.get(f"/en/payments/invoices/{invoice.number}/").status_code == 404
    assert client.get(f"/en/payments/invoices/{invoice.number}/pdf/").status_code == 404
    client.force_login(buyer)
    page = client.get(f"/en/payments/invoices/{invoice.number}/")
    assert page.status_code == 200
    assert invoice.number in page.content.decode()


def test_the_pdf_is_a_pdf_in_chinese_too(client):
    buyer = UserFactory()
    order = OrderFactory(buyer=buyer, invoice_name="陈美")
    orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    client.force_login(buyer)
    response = client.get(f"/zh-hans/payments/invoices/{invoice.number}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"{invoice.number}.pdf" in response["Content-Disposition"]


def test_refunding_one_featured_run_keeps_the_other_paid_run():
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.classifieds import ListingFactory
    from tests.factories.payments import FeaturedProductFactory

    listing = ListingFactory()
    week = FeaturedProductFactory(code="featured-week", days=7)
    first = OrderFactory(buyer=listing.owner, product=week, listing=listing)
    second = OrderFactory(buyer=listing.owner, product=week, listing=listing)
    orders.mark_paid(first)
    orders.mark_paid(second)
    listing.refresh_from_db()
    assert listing.featured_until > timezone.now() + timedelta(days=13)
    orders.refund(second, by=None)
    listing.refresh_from_db()
    assert timezone.now() + timedelta(days=6) < listing.featured_until < timezone.now() + timedelta(days=8)


def test_a_payment_for_an_erased_buyer_is_still_recorded():
    buyer = UserFactory()
    order = OrderFactory(buyer=buyer, product=ProductFactory(credits=5))
    erase_user(buyer.pk)
    order.refresh_from_db()
    assert order.buyer is None
    assert orders.mark_paid(order) is True
    assert Invoice.objects.get(order=order).buyer_email == ""
    orders.refund(order, by=None)
    assert Order.objects.get(pk=order.pk).status == "refunded"
