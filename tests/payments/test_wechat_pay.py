"""WeChat Pay Native (R-PAY-3): the QR code on the order page, signed and encrypted
notifications applied once, the order query, and both ways WeChat Pay signs (the WeChat
Pay public key, and platform certificates). Against a local fake WeChat Pay."""

import json
import re
from pathlib import Path

import pytest
from django.core import serializers
from django.urls import reverse
from django.utils import translation

from payments import ledger
from payments.models import NotificationOutcome, OrderStatus, PaymentNotification
from payments.orders import create_order
from payments.providers import available_methods
from payments.providers.base import ProviderError
from payments.providers.wechat import CERTIFICATE_DOWNLOADS_PER_HOUR, WeChatPay
from payments.tasks import query_order

from .fake_providers import closed_port

NOTIFY_URL = "/payments/notify/wechat/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(buyer, credit_pack, wechat_pay):
    """A pending WeChat Pay order whose QR code has been shown (WeChat Pay knows it)."""
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    WeChatPay().start(order, None)
    return order


def notify(client, body, headers):
    return client.post(NOTIFY_URL, data=body, content_type="application/json", headers=headers)


def logged():
    return list(PaymentNotification.objects.order_by("pk"))


def assert_rejected(response, order, signature_valid):
    assert response.status_code == 400
    assert response.json()["code"] == "FAIL"
    (record,) = logged()
    assert record.outcome == NotificationOutcome.REJECTED
    assert record.signature_valid is signature_valid
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert order.invoices.count() == 0
    assert ledger.balance(order.buyer) == 0


def test_wechat_pay_is_offered_only_once_configured(db):
    assert [provider.method for provider in available_methods()] == ["bank"]


def test_configured_wechat_pay_is_offered(wechat_pay):
    assert "wechat" in [provider.method for provider in available_methods()]


def test_showing_the_qr_code_creates_the_native_order(buyer, credit_pack, wechat_pay):
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    checkout = WeChatPay().start(order, None)

    sent = wechat_pay.orders[order.reference]["request"]
    assert sent["amount"] == {"total": 25000, "currency": "CNY"}
    assert sent["notify_url"] == "http://testserver/payments/notify/wechat/"
    assert sent["time_expire"].endswith("+08:00")
    assert checkout.template == "payments/checkout/wechat.html"
    assert checkout.context["qr_svg"].startswith("<svg")
    # Showing the page again reuses the code instead of creating the order again.
    WeChatPay().start(order, None)
    assert len([r for r in wechat_pay.requests if r[1] == "/v3/pay/transactions/native"]) == 1


def test_signed_notification_marks_the_order_paid_once(client, order, wechat_pay):
    wechat_pay.pay(order.reference)
    body, headers = wechat_pay.notification(order.reference)

    response = notify(client, body, headers)

    assert response.status_code == 204
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.provider_reference == wechat_pay.orders[order.reference]["transaction_id"]
    assert order.invoices.count() == 1
    assert ledger.balance(order.buyer) == 5
    (record,) = logged()
    assert record.outcome == NotificationOutcome.ACCEPTED
    assert record.signature_valid
    assert record.event_id == json.loads(body)["id"]

    # WeChat Pay sends it again: acknowledged, nothing changes.
    response = notify(client, body, headers)

    assert response.status_code == 204
    assert [r.outcome for r in logged()] == [NotificationOutcome.ACCEPTED, NotificationOutcome.DUPLICATE]
    assert order.invoices.count() == 1
    assert ledger.balance(order.buyer) == 5


def test_the_payers_openid_is_not_stored(client, order, wechat_pay):
    openid = wechat_pay.pay(order.reference)["payer"]["openid"]
    notify(client, *wechat_pay.notification(order.reference))

    order.refresh_from_db()
    stored = serializers.serialize("json", [order, *logged(), *order.invoices.all()])
    assert order.provider_reference in stored
    assert openid not in stored


def test_amount_changed_after_signing_is_rejected(client, order, wechat_pay):
    wechat_pay.pay(order.reference)
    _body, headers = wechat_pay.notification(order.reference)
    tampered_body, _headers = wechat_pay.notification(order.reference, total=1)

    response = notify(client, tampered_body, headers)

    assert_rejected(response, order, signature_valid=False)


def test_signed_notification_with_the_wrong_amount_is_rejected(client, order, wechat_pay):
    wechat_pay.pay(order.reference)

    response = notify(client, *wechat_pay.notification(order.reference, total=1))

    assert_rejected(response, order, signature_valid=True)
    assert "does not match" in logged()[0].detail


def test_notification_signed_with_another_key_is_rejected(client, order, wechat_pay, provider_keys):
    wechat_pay.pay(order.reference)

    response = notify(client, *wechat_pay.notification(order.reference, key=provider_keys.stranger))

    assert_rejected(response, order, signature_valid=False)


def test_notification_encrypted_with_another_apiv3_key_is_rejected(client, order, wechat_pay):
    wechat_pay.pay(order.reference)
    wechat_pay.apiv3_key = "0" * 32

    response = notify(client, *wechat_pay.notification(order.reference))

    assert_rejected(response, order, signature_valid=False)


def test_signed_notification_for_another_merchant_is_rejected(client, order, wechat_pay):
    wechat_pay.pay(order.reference)

    response = notify(client, *wechat_pay.notification(order.reference, mchid="1900000999"))

    assert_rejected(response, order, signature_valid=False)


def test_unpaid_transaction_in_a_notification_changes_nothing(client, order, wechat_pay):
    response = notify(client, *wechat_pay.notification(order.reference))

    assert response.status_code == 204
    assert [r.outcome for r in logged()] == [NotificationOutcome.IGNORED]
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


@pytest.mark.parametrize(
    "case",
    [
        "unsigned",
        "unknown key id",
        "signature not base64",
        "not json",
        "no resource",
        "huge",
        "other algorithm",
    ],
)
def test_hostile_notifications_are_rejected_and_logged(client, order, wechat_pay, case):
    wechat_pay.pay(order.reference)
    body, headers = wechat_pay.notification(order.reference)
    if case == "unsigned":
        headers = {}
    elif case == "unknown key id":
        headers["Wechatpay-Serial"] = "PUB_KEY_ID_0000"
    elif case == "signature not base64":
        headers["Wechatpay-Signature"] = "<script>alert(1)</script>"
    elif case == "not json":
        body = "<xml>" + "a" * 100 + "</xml>"
        headers = wechat_pay.signature_headers(body)
    elif case == "no resource":
        body = json.dumps({"id": "x", "resource_type": "encrypt-resource", "resource": None})
        headers = wechat_pay.signature_headers(body)
    elif case == "huge":
        body = json.dumps({"id": "x", "padding": "a" * 200_000})
        headers = wechat_pay.signature_headers(body)
    elif case == "other algorithm":
        headers["Wechatpay-Signature-Type"] = "WECHATPAY2-SM2-WITH-SM3"

    response = notify(client, body, headers)

    assert_rejected(response, order, signature_valid=False)


def test_notifications_only_arrive_by_post(client, wechat_pay):
    assert client.get(NOTIFY_URL).status_code == 405
    assert not PaymentNotification.objects.exists()


def test_query_marks_a_paid_order_paid(order, wechat_pay):
    wechat_pay.pay(order.reference)  # paid, but the notification never arrived

    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.provider_reference == wechat_pay.orders[order.reference]["transaction_id"]
    assert ledger.balance(order.buyer) == 5
    (record,) = logged()
    assert (record.outcome, record.detail) == (NotificationOutcome.ACCEPTED, "query")


def test_query_of_an_unpaid_or_unknown_order_changes_nothing(buyer, credit_pack, order, wechat_pay):
    never_shown = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")

    query_order(order.pk)
    query_order(never_shown.pk)

    assert WeChatPay().query(never_shown) is None
    assert not WeChatPay().query(order).paid
    order.refresh_from_db()
    never_shown.refresh_from_db()
    assert (order.status, never_shown.status) == (OrderStatus.PENDING, OrderStatus.PENDING)
    assert not PaymentNotification.objects.exists()


def test_query_answer_not_signed_by_wechat_pay_is_not_believed(order, wechat_pay, provider_keys):
    wechat_pay.pay(order.reference)
    wechat_pay.answer_key = provider_keys.stranger

    with pytest.raises(ProviderError):
        WeChatPay().query(order)
    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_unreachable_wechat_pay_is_a_provider_error(settings, order, wechat_pay):
    port = closed_port()
    settings.PAYMENTS_WECHAT = {**settings.PAYMENTS_WECHAT, "gateway": f"http://127.0.0.1:{port}"}
    fresh = create_order(order.buyer, order.product, "wechat", invoice_name="Li Lei")

    with pytest.raises(ProviderError):
        WeChatPay().start(fresh, None)
    query_order(order.pk)

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_return_page_alone_never_marks_the_order_paid(
    client, order, wechat_pay, django_capture_on_commit_callbacks
):
    client.force_login(order.buyer)
    return_url = reverse("payments:order_return", kwargs={"number": order.number})

    with django_capture_on_commit_callbacks(execute=True):  # the query is queued on commit
        response = client.get(return_url)

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    # WeChat Pay was asked, and has seen no payment.
    assert any("/v3/pay/transactions/out-trade-no/" in path for _method, path, _body in wechat_pay.requests)
    assert not PaymentNotification.objects.exists()

    # Once the buyer has paid, WeChat Pay's answer is what marks the order paid.
    wechat_pay.pay(order.reference)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(return_url)
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED


# Platform-certificate mode


def test_platform_certificate_mode_notification_marks_paid_once(
    client, buyer, credit_pack, wechat_pay_certificates
):
    fake = wechat_pay_certificates
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    WeChatPay().start(order, None)  # the answer is verified with the certificate
    fake.pay(order.reference)
    body, headers = fake.notification(order.reference)

    assert notify(client, body, headers).status_code == 204
    assert notify(client, body, headers).status_code == 204

    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert [r.outcome for r in logged()] == [NotificationOutcome.ACCEPTED, NotificationOutcome.DUPLICATE]
    assert ledger.balance(buyer) == 5


def test_platform_certificate_mode_downloads_a_new_certificate(
    client, settings, buyer, credit_pack, wechat_pay_certificates
):
    fake = wechat_pay_certificates
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    WeChatPay().start(order, None)
    fake.pay(order.reference)
    fake.rotate_certificate()

    response = notify(client, *fake.notification(order.reference))

    assert response.status_code == 204
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    cert_dir = settings.PAYMENTS_WECHAT["platform_cert_dir"]
    assert (Path(cert_dir) / f"{fake.serial}.pem").read_text() == fake.certificate_pem()


def test_platform_certificate_mode_rejects_a_self_made_certificate(
    client, buyer, credit_pack, wechat_pay_certificates, provider_keys
):
    fake = wechat_pay_certificates
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    WeChatPay().start(order, None)
    fake.pay(order.reference)

    response = notify(
        client, *fake.notification(order.reference, key=provider_keys.stranger, serial="ABCDEF0123")
    )

    assert_rejected(response, order, signature_valid=False)


def test_unknown_certificate_serials_cannot_make_us_call_wechat_pay_without_end(
    client, buyer, credit_pack, wechat_pay_certificates, provider_keys
):
    fake = wechat_pay_certificates
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    WeChatPay().start(order, None)
    fake.pay(order.reference)

    for serial in range(1, 11):
        body, headers = fake.notification(
            order.reference, key=provider_keys.stranger, serial=f"{serial:040X}"
        )
        assert notify(client, body, headers).status_code == 400

    downloads = [path for _method, path, _body in fake.requests if path == "/v3/certificates"]
    assert len(downloads) == CERTIFICATE_DOWNLOADS_PER_HOUR
    assert PaymentNotification.objects.filter(outcome=NotificationOutcome.REJECTED).count() == 10
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


# The order page


def test_order_page_shows_the_qr_code(client, buyer, credit_pack, wechat_pay):
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    client.force_login(buyer)

    response = client.get(order.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'<svg[^>]*class="segno"', page)
    assert "Scan" in page
    assert order.reference in wechat_pay.orders


def test_order_page_in_chinese(client, buyer, credit_pack, wechat_pay):
    order = create_order(buyer, credit_pack, "wechat", invoice_name="李雷")
    client.force_login(buyer)
    with translation.override("zh-hans"):
        url = order.get_absolute_url()

    page = client.get(url).content.decode()

    assert "扫一扫" in page
    assert re.search(r'<svg[^>]*class="segno"', page)


def test_order_page_without_wechat_pay_reachable_shows_no_code(
    client, settings, buyer, credit_pack, wechat_pay
):
    order = create_order(buyer, credit_pack, "wechat", invoice_name="Li Lei")
    wechat_pay.close()
    client.force_login(buyer)

    response = client.get(order.get_absolute_url())

    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_notification_while_wechat_pay_is_not_configured_is_rejected(client, order, wechat_pay, settings):
    wechat_pay.pay(order.reference)
    body, headers = wechat_pay.notification(order.reference)
    settings.PAYMENTS_WECHAT = {**settings.PAYMENTS_WECHAT, "private_key_file": ""}

    response = notify(client, body, headers)

    assert_rejected(response, order, signature_valid=False)
