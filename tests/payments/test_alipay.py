"""Alipay page pay (R-PAY-3): the signed link to Alipay's cashier, RSA2-signed
notifications applied once, and the trade query. Against a local fake Alipay gateway."""

import html
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
from django.core import serializers
from django.urls import reverse
from django.utils import translation

from payments import ledger
from payments.models import NotificationOutcome, OrderStatus, PaymentNotification
from payments.orders import create_order
from payments.providers import available_methods
from payments.providers.alipay import Alipay
from payments.providers.base import ProviderError
from payments.tasks import query_order

from .fake_providers import closed_port

NOTIFY_URL = "/payments/notify/alipay/"

pytestmark = pytest.mark.django_db


def open_cashier(pay_url):
    """The buyer's browser follows the link to Alipay."""
    return requests.get(pay_url, timeout=5)


@pytest.fixture
def order(buyer, credit_pack, alipay):
    """A pending Alipay order whose buyer has opened Alipay's cashier."""
    order = create_order(buyer, credit_pack, "alipay", invoice_name="Han Meimei")
    assert open_cashier(Alipay().start(order, None).context["pay_url"]).status_code == 200
    return order


def notify(client, params):
    # Alipay posts an ordinary form.
    return client.post(NOTIFY_URL, data=urlencode(params), content_type="application/x-www-form-urlencoded")


def logged():
    return list(PaymentNotification.objects.order_by("pk"))


def assert_rejected(response, order, signature_valid):
    assert response.status_code == 400
    assert response.content == b"failure"
    (record,) = logged()
    assert record.outcome == NotificationOutcome.REJECTED
    assert record.signature_valid is signature_valid
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert order.invoices.count() == 0
    assert ledger.balance(order.buyer) == 0


def test_alipay_is_offered_only_once_configured(db):
    assert "alipay" not in [provider.method for provider in available_methods()]


def test_configured_alipay_is_offered(alipay):
    assert "alipay" in [provider.method for provider in available_methods()]


def test_pay_link_is_a_signed_page_pay_request(buyer, credit_pack, alipay):
    order = create_order(buyer, credit_pack, "alipay", invoice_name="Han Meimei")

    pay_url = Alipay().start(order, None).context["pay_url"]

    assert pay_url.startswith(alipay.gateway + "?")
    params = dict(parse_qsl(urlsplit(pay_url).query))
    assert params["method"] == "alipay.trade.page.pay"
    assert params["notify_url"] == "http://testserver/payments/notify/alipay/"
    assert params["return_url"] == f"http://testserver/en/payments/orders/{order.number}/return/"
    response = open_cashier(pay_url)
    assert response.status_code == 200
    trade = alipay.trades[order.reference]
    assert (trade["total_amount"], trade["trade_status"]) == ("250.00", "WAIT_BUYER_PAY")


def test_pay_link_changed_by_someone_else_is_refused_by_alipay(buyer, credit_pack, alipay):
    order = create_order(buyer, credit_pack, "alipay", invoice_name="Han Meimei")
    pay_url = Alipay().start(order, None).context["pay_url"]

    response = open_cashier(pay_url.replace("250.00", "0.01"))

    assert response.status_code == 400
    assert order.reference not in alipay.trades


def test_signed_notification_marks_the_order_paid_once(client, order, alipay):
    trade_no = alipay.pay(order.reference)["trade_no"]
    params = alipay.notification(order.reference)

    response = notify(client, params)

    assert response.status_code == 200
    assert response.content == b"success"
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.provider_reference == trade_no
    assert order.invoices.count() == 1
    assert ledger.balance(order.buyer) == 5
    (record,) = logged()
    assert record.outcome == NotificationOutcome.ACCEPTED
    assert record.signature_valid
    assert record.event_id == params["notify_id"]

    # Alipay calls again: acknowledged, nothing changes.
    response = notify(client, params)

    assert response.content == b"success"
    assert [r.outcome for r in logged()] == [NotificationOutcome.ACCEPTED, NotificationOutcome.DUPLICATE]
    assert order.invoices.count() == 1
    assert ledger.balance(order.buyer) == 5


def test_trade_finished_after_trade_success_changes_nothing(client, order, alipay):
    alipay.pay(order.reference)
    notify(client, alipay.notification(order.reference))

    response = notify(client, alipay.notification(order.reference, trade_status="TRADE_FINISHED"))

    assert response.content == b"success"
    assert [r.outcome for r in logged()] == [NotificationOutcome.ACCEPTED, NotificationOutcome.DUPLICATE]
    assert order.invoices.count() == 1
    assert ledger.balance(order.buyer) == 5


def test_the_buyers_alipay_ids_are_not_stored(client, order, alipay):
    trade = alipay.pay(order.reference)
    notify(client, alipay.notification(order.reference))

    order.refresh_from_db()
    stored = serializers.serialize("json", [order, *logged(), *order.invoices.all()])
    assert trade["trade_no"] in stored
    assert trade["buyer_id"] not in stored
    assert trade["buyer_logon_id"] not in stored


def test_amount_changed_after_signing_is_rejected(client, order, alipay):
    alipay.pay(order.reference)
    params = alipay.notification(order.reference)
    params["total_amount"] = params["receipt_amount"] = "2.50"

    response = notify(client, params)

    assert_rejected(response, order, signature_valid=False)


def test_signed_notification_with_the_wrong_amount_is_rejected(client, order, alipay):
    alipay.pay(order.reference)

    response = notify(client, alipay.notification(order.reference, total_amount="2.50"))

    assert_rejected(response, order, signature_valid=True)
    assert "does not match" in logged()[0].detail


def test_notification_signed_with_another_key_is_rejected(client, order, alipay, provider_keys):
    alipay.pay(order.reference)

    response = notify(client, alipay.notification(order.reference, key=provider_keys.stranger))

    assert_rejected(response, order, signature_valid=False)


def test_signed_notification_for_another_app_is_rejected(client, order, alipay):
    alipay.pay(order.reference)

    response = notify(client, alipay.notification(order.reference, app_id="2021009999999999"))

    assert_rejected(response, order, signature_valid=False)


def test_unpaid_trade_in_a_notification_changes_nothing(client, order, alipay):
    alipay.pay(order.reference)

    response = notify(client, alipay.notification(order.reference, trade_status="WAIT_BUYER_PAY"))

    assert response.content == b"success"
    assert [r.outcome for r in logged()] == [NotificationOutcome.IGNORED]
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


@pytest.mark.parametrize(
    "case", ["unsigned", "signature not base64", "rsa1", "amount not a number", "no order", "too many fields"]
)
def test_hostile_notifications_are_rejected_and_logged(client, order, alipay, case):
    alipay.pay(order.reference)
    params = alipay.notification(order.reference)
    if case == "unsigned":
        del params["sign"]
    elif case == "signature not base64":
        params["sign"] = "<script>alert(1)</script>"
    elif case == "rsa1":
        params["sign_type"] = "RSA"
    elif case == "amount not a number":
        params = alipay.notification(order.reference, total_amount="<b>lots</b>")
    elif case == "no order":
        params = alipay.sign_notification({k: v for k, v in params.items() if k != "out_trade_no"})
    elif case == "too many fields":
        params = alipay.notification(order.reference, **{f"field{i}": "x" for i in range(100)})

    response = notify(client, params)

    assert_rejected(response, order, signature_valid=False)


def test_query_marks_a_paid_order_paid(order, alipay):
    trade_no = alipay.pay(order.reference)["trade_no"]  # paid, but no notification came

    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.provider_reference == trade_no
    assert ledger.balance(order.buyer) == 5
    (record,) = logged()
    assert (record.outcome, record.detail) == (NotificationOutcome.ACCEPTED, "query")


def test_query_of_an_unpaid_trade_changes_nothing(order, alipay):
    assert Alipay().query(order) is None

    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not PaymentNotification.objects.exists()


def test_query_answer_not_signed_by_alipay_is_not_believed(order, alipay, provider_keys):
    alipay.pay(order.reference)
    alipay.answer_key = provider_keys.stranger

    with pytest.raises(ProviderError):
        Alipay().query(order)
    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_unreachable_alipay_is_a_provider_error(settings, order, alipay):
    port = closed_port()
    settings.PAYMENTS_ALIPAY = {**settings.PAYMENTS_ALIPAY, "gateway": f"http://127.0.0.1:{port}/gateway.do"}

    with pytest.raises(ProviderError):
        Alipay().query(order)
    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_return_page_alone_never_marks_the_order_paid(
    client, order, alipay, django_capture_on_commit_callbacks
):
    client.force_login(order.buyer)
    # What Alipay appends to the return URL, made up by the visitor.
    forged = {
        "out_trade_no": order.reference,
        "trade_no": "2026112522001",
        "total_amount": "250.00",
        "sign": "x",
    }
    return_url = reverse("payments:order_return", kwargs={"number": order.number})

    with django_capture_on_commit_callbacks(execute=True):  # the query is queued on commit
        response = client.get(return_url, forged)

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not PaymentNotification.objects.exists()
    # Alipay was asked, and has seen no payment.
    assert any("alipay.trade.query" in path for _method, path, _body in alipay.requests)

    # Once the buyer has paid, Alipay's answer is what marks the order paid.
    alipay.pay(order.reference)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(return_url)
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED


def test_order_page_links_to_alipay(client, buyer, credit_pack, alipay):
    order = create_order(buyer, credit_pack, "alipay", invoice_name="Han Meimei")
    client.force_login(buyer)

    response = client.get(order.get_absolute_url())

    assert response.status_code == 200
    links = re.findall(r'href="([^"]+)"', response.content.decode())
    (pay_url,) = [html.unescape(link) for link in links if link.startswith(alipay.gateway)]
    assert open_cashier(pay_url).status_code == 200
    assert alipay.trades[order.reference]["total_amount"] == "250.00"


def test_order_page_in_chinese_comes_back_in_chinese(client, buyer, credit_pack, alipay):
    order = create_order(buyer, credit_pack, "alipay", invoice_name="韩梅梅")
    client.force_login(buyer)
    with translation.override("zh-hans"):
        url = order.get_absolute_url()

    page = client.get(url).content.decode()

    assert "前往支付宝付款" in page
    (pay_url,) = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', page) if "gateway.do" in link]
    return_url = dict(parse_qsl(urlsplit(pay_url).query))["return_url"]
    assert return_url == f"http://testserver/zh-hans/payments/orders/{order.number}/return/"


def test_notification_while_alipay_is_not_configured_is_rejected(client, order, alipay, settings):
    alipay.pay(order.reference)
    params = alipay.notification(order.reference)
    settings.PAYMENTS_ALIPAY = {**settings.PAYMENTS_ALIPAY, "alipay_public_key_file": ""}

    response = notify(client, params)

    assert_rejected(response, order, signature_valid=False)
