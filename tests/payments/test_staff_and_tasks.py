"""Staff refunds and adjustments, spreadsheet exports, the beat task that expires
unpaid orders, and the receipt email in the buyer's language."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from payments import ledger, orders, tasks
from payments.models import CreditEntry, Invoice, InvoiceKind, Order, OrderStatus
from payments.resources import OrderResource
from tests.factories.payments import OrderFactory, ProductFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(db):
    user = UserFactory(username="finance", is_staff=True)
    user.groups.add(Group.objects.get(name="Finance"))
    client = Client()
    client.force_login(user)
    return client


def test_staff_refund_needs_confirmation_then_reverses_everything(finance):
    order = OrderFactory(product=ProductFactory(credits=5))
    orders.mark_paid(order)
    finance.post(f"/admin/payments/orders/{order.pk}/refund/", {})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.FULFILLED
    response = finance.post(f"/admin/payments/orders/{order.pk}/refund/", {"confirm": "on"}, follow=True)
    assert "credit note CN-" in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert ledger.balance(order.buyer) == 0
    assert Invoice.objects.filter(order=order, kind=InvoiceKind.CREDIT_NOTE).count() == 1


def test_an_unpaid_order_cannot_be_refunded(finance):
    order = OrderFactory()
    response = finance.post(f"/admin/payments/orders/{order.pk}/refund/", {"confirm": "on"}, follow=True)
    assert "Only paid orders can be refunded." in response.content.decode()
    assert Invoice.objects.count() == 0


def test_staff_adjust_credits_with_a_reason(finance):
    member = UserFactory(username="mei")
    response = finance.post(
        "/admin/payments/ledger/adjust/", {"username": "mei", "credits": "0", "reason": "x"}
    )
    assert "An adjustment changes the balance." in response.content.decode()
    response = finance.post(
        "/admin/payments/ledger/adjust/", {"username": "nobody", "credits": "2", "reason": "x"}
    )
    assert "There is no member with this username." in response.content.decode()
    finance.post("/admin/payments/ledger/adjust/", {"username": "mei", "credits": "2", "reason": "Outage"})
    entry = CreditEntry.objects.get(user=member)
    assert entry.credits == 2 and entry.reason == "Outage" and entry.created_by.username == "finance"


def test_members_cannot_reach_the_staff_screens(client):
    order = OrderFactory()
    client.force_login(UserFactory())
    for url in (
        f"/admin/payments/orders/{order.pk}/",
        "/admin/payments/reconciliation/",
        "/admin/payments/revenue/",
        "/admin/payments/ledger/adjust/",
    ):
        assert client.get(url).status_code in (302, 403)
    client.post(
        "/admin/payments/ledger/adjust/", {"username": order.buyer.username, "credits": "50", "reason": "x"}
    )
    assert CreditEntry.objects.count() == 0


def test_orders_export_as_csv_without_live_formulas(finance):
    OrderFactory(invoice_name="=HYPERLINK(1)")
    orders.mark_paid(Order.objects.get())
    fields = OrderResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"orderresource_{name}": "on" for name in fields}}
    response = finance.post("/django-admin/payments/order/export/", data)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["reference"] == Order.objects.get().reference
    assert rows[0]["status"] == "fulfilled"


def test_unpaid_orders_expire_and_bank_transfers_are_never_queried():
    late = OrderFactory(expires_at=timezone.now() - timedelta(minutes=1))
    waiting = OrderFactory()
    tasks.check_pending_orders()
    assert Order.objects.get(pk=late.pk).status == OrderStatus.EXPIRED
    assert Order.objects.get(pk=waiting.pk).status == OrderStatus.PENDING
    assert Order.objects.get(pk=waiting.pk).last_queried_at is None
    # A transfer that arrives after all is still accepted, and shows in reconciliation.
    orders.mark_paid(Order.objects.get(pk=late.pk))
    assert Order.objects.get(pk=late.pk).status == OrderStatus.FULFILLED


def test_the_receipt_is_sent_once_in_the_buyers_language(django_capture_on_commit_callbacks):
    buyer = UserFactory(email="mei@example.com")
    buyer.profile.preferred_language = "zh-hans"
    buyer.profile.save()
    order = OrderFactory(buyer=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        orders.mark_paid(order)
    invoice = Invoice.objects.get(order=order)
    tasks.send_receipt(invoice.pk)  # a retried task sends nothing more
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"你的弄堂发票 {invoice.number}"
    assert f"/zh-hans/payments/invoices/{invoice.number}/" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
