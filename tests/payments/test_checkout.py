"""Buying: the price list, checkout by bank transfer, the order page, staff marking a
transfer paid, cancelling, and what strangers and hostile input get."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from payments import ledger
from payments.models import Invoice, Order, OrderStatus, PaymentNotification
from tests.factories.classifieds import ListingFactory
from tests.factories.payments import FeaturedProductFactory, OrderFactory, ProductFactory
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(db):
    return verified_user(username="mei", email="mei@example.com")


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client


@pytest.fixture
def pack(db):
    return ProductFactory(code="credits-5", name_en="5 job credits", credits=5)


@pytest.fixture
def finance_client(db):
    staff = UserFactory(username="cashier", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="payments", codename__in=["view_order", "change_order", "view_invoice"]
        ),
        Permission.objects.get(codename="access_admin"),
    )
    client = Client()
    client.force_login(staff)
    return client


def checkout(client, code="credits-5", **data):
    payload = {"method": "bank", "invoice_name": "Mei Chen", "invoice_tax_id": "", **data}
    return client.post(f"/en/payments/buy/{code}/", payload)


def test_the_price_list_shows_products_and_the_balance(buyer_client, pack):
    page = buyer_client.get("/en/payments/").content.decode()
    assert "5 job credits" in page and "¥250.00" in page
    assert "You have 0 job credits." in page


def test_the_price_list_in_chinese(client, pack):
    page = client.get("/zh-hans/payments/").content.decode()
    assert "5 个招聘点数" in page


def test_bank_transfer_checkout_shows_the_reference_and_account(buyer_client, buyer, pack, settings):
    response = checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    page = buyer_client.get(order.get_absolute_url()).content.decode()
    assert order.reference in page
    assert settings.PAYMENTS_BANK_ACCOUNT["account_number"] in page
    assert order.status == OrderStatus.PENDING and order.amount == pack.price


def test_staff_mark_a_transfer_paid_and_the_buyer_gets_credits_and_an_invoice(
    buyer_client, buyer, pack, finance_client, django_capture_on_commit_callbacks
):
    checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    page = finance_client.get(f"/admin/payments/orders/{order.pk}/").content.decode()
    assert order.reference in page and "Mark paid" in page
    # Without ticking the confirmation nothing happens.
    finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED and order.marked_paid_by.username == "cashier"
    assert ledger.balance(buyer) == 5
    invoice = Invoice.objects.get(order=order)
    assert [message.to for message in mail.outbox] == [["mei@example.com"]]
    assert invoice.number in mail.outbox[0].subject
    # Marking it paid again changes nothing.
    finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    assert ledger.balance(buyer) == 5 and Invoice.objects.count() == 1


def test_members_cannot_mark_orders_paid(buyer_client, buyer, pack):
    checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    buyer_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    assert ledger.balance(buyer) == 0


def test_a_return_visit_never_marks_an_order_paid(buyer_client, buyer, pack):
    checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    buyer_client.get(f"{order.get_absolute_url()}return/")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_cancelling_needs_confirmation(buyer_client, buyer, pack):
    checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    buyer_client.post(f"{order.get_absolute_url()}cancel/", {})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    buyer_client.post(f"{order.get_absolute_url()}cancel/", {"confirm": "on"})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_other_members_orders_are_not_found(client, pack):
    order = OrderFactory(product=pack)
    client.force_login(verified_user(username="tom"))
    assert client.get(order.get_absolute_url()).status_code == 404
    assert client.post(f"{order.get_absolute_url()}cancel/", {"confirm": "on"}).status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_anonymous_visitors_are_asked_to_log_in(client, pack):
    response = client.get("/en/payments/buy/credits-5/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"method": "cash"}, "method"),
        ({"method": "wechat"}, "method"),  # not configured here
        ({"invoice_name": ""}, "invoice_name"),
        ({"invoice_name": "x" * 201}, "invoice_name"),
        ({"invoice_name": "Mei\u202eChen"}, "invoice_name"),
        ({"invoice_tax_id": "not-a-tax-id"}, "invoice_tax_id"),
        ({"invoice_tax_id": ["1", "2"]}, "invoice_tax_id"),
    ],
)
def test_bad_checkout_input_is_refused_and_creates_nothing(buyer_client, pack, data, field):
    response = checkout(buyer_client, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Order.objects.count() == 0


def test_an_unknown_or_withdrawn_product_is_not_found(buyer_client, pack):
    pack.active = False
    pack.save()
    assert checkout(buyer_client).status_code == 404
    assert checkout(buyer_client, code="<script>").status_code == 404


def test_names_are_escaped_on_the_order_and_invoice(buyer_client, buyer, pack, finance_client):
    checkout(buyer_client, invoice_name="<script>alert(1)</script>")
    order = Order.objects.get(buyer=buyer)
    finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    invoice = Invoice.objects.get(order=order)
    page = buyer_client.get(invoice.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_featuring_needs_one_of_your_own_published_listings(buyer_client, buyer, finance_client):
    FeaturedProductFactory(code="featured-7")
    theirs = ListingFactory()
    response = checkout(buyer_client, code="featured-7", listing=theirs.pk)
    assert "listing" in response.context["form"].errors
    mine = ListingFactory(owner=buyer)
    checkout(buyer_client, code="featured-7", listing=mine.pk)
    order = Order.objects.get(buyer=buyer)
    finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    mine.refresh_from_db()
    assert mine.is_featured


def test_a_featured_listing_leads_its_list_with_a_badge(client):
    older = ListingFactory(title="Featured loft")
    ListingFactory(title="Fresh studio")
    FeaturedProductFactory(code="featured-7")
    order = OrderFactory(buyer=older.owner, product=FeaturedProductFactory(code="featured-7"), listing=older)
    from payments import orders

    orders.mark_paid(order)
    page = client.get("/en/classifieds/housing/").content.decode()
    assert page.index("Featured loft") < page.index("Fresh studio")
    assert "badge-featured" in page
    cheapest_first = client.get("/en/classifieds/housing/?sort=price-low")
    assert cheapest_first.status_code == 200


def test_the_dashboard_shows_credits_orders_and_invoices(buyer_client, buyer, pack, finance_client):
    page = buyer_client.get("/en/accounts/my-posts/").content.decode()
    assert "You have not bought anything yet." in page
    checkout(buyer_client)
    order = Order.objects.get(buyer=buyer)
    finance_client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    page = buyer_client.get("/en/accounts/my-posts/").content.decode()
    invoice = Invoice.objects.get(order=order)
    assert "You have 5 job credits." in page
    assert order.reference in page and invoice.number in page


def test_order_and_credit_lists_keep_a_fixed_number_of_queries(
    buyer_client, buyer, pack, django_assert_max_num_queries
):
    for _ in range(3):
        OrderFactory(buyer=buyer, product=pack)
    ledger.adjust(buyer, 2, "Welcome gift", None)
    buyer_client.get("/en/payments/orders/")  # warm the caches (site, menus, consent groups)
    with django_assert_max_num_queries(12) as few:
        buyer_client.get("/en/payments/orders/")
    for _ in range(10):
        OrderFactory(buyer=buyer, product=ProductFactory())
        ledger.adjust(buyer, 1, "Another gift", None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        buyer_client.get("/en/payments/orders/")
    with django_assert_max_num_queries(12) as few:
        buyer_client.get("/en/payments/credits/")
    for _ in range(10):
        ledger.adjust(buyer, 1, "More", None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        buyer_client.get("/en/payments/credits/")


def test_staff_reports_flag_mismatches(finance_client, pack):
    order = OrderFactory(product=pack, status=OrderStatus.PAID)  # paid with no invoice
    PaymentNotification.objects.create(method="wechat", outcome="rejected", signature_valid=True, order=order)
    page = finance_client.get("/admin/payments/reconciliation/").content.decode()
    assert "Paid, but no invoice was issued (1)" in page
    assert order.reference in page
    assert finance_client.get("/admin/payments/revenue/").status_code == 200


def test_the_finance_group_can_run_payments(client, pack):
    from django.contrib.auth.models import Group

    cashier = UserFactory(username="finance", is_staff=True)
    cashier.groups.add(Group.objects.get(name="Finance"))
    order = OrderFactory(product=pack)
    client.force_login(cashier)
    assert client.get("/admin/payments/reconciliation/").status_code == 200
    client.post(f"/admin/payments/orders/{order.pk}/mark-paid/", {"confirm": "on"})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.FULFILLED
    assert client.get("/admin/snippets/payments/product/").status_code == 200
