"""Alipay page pay: the buyer follows a signed link to Alipay's cashier and comes back
to the order's return page.

Through ``python-alipay-sdk`` with RSA2 (SHA256 with RSA) signatures: our requests are
signed with the app's private key; Alipay's notifications and answers are verified with
the Alipay public key. Only Alipay's trade number is kept: the buyer's Alipay ids in a
notification are never stored.
"""

import binascii
import logging
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from alipay import AliPay as AlipayClient
from alipay.exceptions import AliPayException, AliPayValidationError
from alipay.utils import AliPayConfig
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Checkout, InvalidNotification, PaymentEvent, Provider, ProviderError
from .wechat import notify_url, read_key

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAID_STATES = {"TRADE_SUCCESS", "TRADE_FINISHED"}
SUCCESS = "10000"
MAX_NOTIFICATION_FIELDS = 60


class Alipay(Provider):
    method = "alipay"
    label = _("Alipay")

    @property
    def config(self):
        return settings.PAYMENTS_ALIPAY

    def is_configured(self):
        config = self.config
        return all(config.get(key) for key in ("app_id", "app_private_key_file", "alipay_public_key_file"))

    @property
    def gateway(self):
        return self.config.get("gateway") or "https://openapi.alipay.com/gateway.do"

    def client(self):
        if not self.is_configured():
            raise ProviderError("Alipay is not configured")
        config = self.config
        try:
            client = AlipayClient(
                appid=config["app_id"],
                app_notify_url=notify_url(self.method),
                app_private_key_string=read_key(config["app_private_key_file"]),
                alipay_public_key_string=read_key(config["alipay_public_key_file"]),
                sign_type="RSA2",
                config=AliPayConfig(timeout=config.get("timeout") or 15),
            )
        except (ValueError, IndexError, TypeError) as error:
            raise ProviderError(f"Alipay keys not usable: {error}") from error
        # The client knows only Alipay's production and sandbox gateways.
        client._gateway = self.gateway
        return client

    def start(self, order, request):
        product = order.product
        # Alipay's cashier shows the subject; it may not contain "/", "=" or "&".
        subject = (product.name_zh or product.name_en).translate({ord(c): " " for c in "/=&"})[:120]
        signed_query = self.client().api_alipay_trade_page_pay(
            subject=f"Longtang {subject}",
            out_trade_no=order.reference,
            total_amount=f"{order.amount:.2f}",
            return_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("payments:order_return", kwargs={"number": order.number}),
            notify_url=notify_url(self.method),
            time_expire=order.expires_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
        )
        pay_url = f"{self.gateway}?{signed_query}"
        return Checkout(
            template="payments/checkout/alipay.html",
            context={"pay_url": pay_url, "amount": order.amount, "reference": order.reference},
        )

    def parse_notification(self, request):
        if len(request.POST) > MAX_NOTIFICATION_FIELDS:
            raise InvalidNotification("Too many fields")
        data = request.POST.dict()
        signature = data.pop("sign", "")
        if not signature:
            raise InvalidNotification("Not signed")
        if data.get("sign_type") != "RSA2":
            raise InvalidNotification("Not an RSA2 signature")
        try:
            valid = self.client().verify(dict(data), signature)
        except ProviderError as error:
            raise InvalidNotification(f"Cannot verify: {error}") from error
        except (ValueError, TypeError, binascii.Error, AliPayException) as error:
            raise InvalidNotification(f"Unreadable signature: {error.__class__.__name__}") from error
        if not valid:
            raise InvalidNotification("Signature not valid")
        if data.get("app_id") != self.config["app_id"]:
            raise InvalidNotification("Payment for another app")
        return self._event(data, event_id=data.get("notify_id", ""))

    def _event(self, trade, event_id=""):
        """The ``PaymentEvent`` of a trade (a notification's fields or a query answer)."""
        reference = trade.get("out_trade_no")
        if not isinstance(reference, str) or not reference:
            raise InvalidNotification("No order reference")
        paid = trade.get("trade_status") in PAID_STATES
        amount = None
        if trade.get("total_amount") is not None:
            try:
                amount = Decimal(str(trade["total_amount"])).quantize(Decimal("0.01"))
            except InvalidOperation as error:
                raise InvalidNotification("The amount is not a number") from error
        if paid and amount is None:
            raise InvalidNotification("A payment without an amount")
        return PaymentEvent(
            order_reference=reference[:32],
            paid=paid,
            amount=amount,
            currency="CNY",
            provider_reference=str(trade.get("trade_no") or "")[:64],
            event_id=str(event_id)[:100],
        )

    def acknowledge(self, ok):
        # Alipay keeps calling until it reads exactly "success".
        return HttpResponse(
            "success" if ok else "failure", status=200 if ok else 400, content_type="text/plain"
        )

    def query(self, order):
        client = self.client()
        try:
            answer = client.api_alipay_trade_query(out_trade_no=order.reference)
        except AliPayValidationError as error:
            raise ProviderError("Alipay's answer is not signed by Alipay") from error
        except AliPayException as error:
            raise ProviderError(f"Alipay refused the query: {str(error)[:200]}") from error
        except (OSError, ValueError) as error:  # URLError, timeouts, unreadable JSON
            raise ProviderError(f"Alipay unreachable: {error.__class__.__name__}") from error
        if not isinstance(answer, dict):
            raise ProviderError("Alipay answered something we cannot read")
        if answer.get("code") != SUCCESS:
            if answer.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
                return None  # the buyer never opened Alipay's cashier
            raise ProviderError(f"Alipay query failed: {answer.get('code')} {answer.get('sub_code')}")
        try:
            event = self._event(answer)
        except InvalidNotification as error:
            raise ProviderError(f"Alipay answered something we cannot read: {error}") from error
        if event.order_reference != order.reference:
            raise ProviderError("Alipay answered about another order")
        return event
