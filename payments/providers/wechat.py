"""WeChat Pay Native: the order page shows a QR code that the buyer scans with WeChat.

Through the ``wechatpayv3`` client (API v3). WeChat Pay signs every answer and every
notification (SHA256 with RSA over "timestamp\\nnonce\\nbody\\n"); the client checks that
signature with the WeChat Pay public key, or with WeChat Pay's platform certificates for
merchants still on them. A notification's payload is encrypted with the merchant's
APIv3 key (AES-256-GCM); the client decrypts it. Only the transaction id is kept: the
payer's openid in the payload is never stored.
"""

import json
import logging
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
import segno
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wechatpayv3 import WeChatPay as WeChatPayClient
from wechatpayv3 import WeChatPayType

from core.ratelimit import allow

from .base import Checkout, InvalidNotification, PaymentEvent, Provider, ProviderError

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
MAX_NOTIFICATION_BYTES = 64 * 1024
# A code_url is valid for two hours; showing the order page again reuses it.
CODE_URL_CACHE_SECONDS = 30 * 60
CERTIFICATE_DOWNLOADS_PER_HOUR = 6
CERTIFICATE = "certificate"


def notify_url(method):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("payments_notify", kwargs={"method": method})


def read_key(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ProviderError(f"Cannot read the key file {path}: {error.strerror}") from error


def qr_svg(data, title):
    """``data`` as a QR code, as inline SVG."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=5, border=2, title=title))  # noqa: S308


def yuan(fen):
    """Fen (an integer) as Decimal yuan; InvalidNotification when it is not a whole number."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidNotification("The amount is not a whole number of fen")
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class WeChatPay(Provider):
    method = "wechat"
    label = _("WeChat Pay")

    @property
    def config(self):
        return settings.PAYMENTS_WECHAT

    def verifies_with_certificates(self):
        return self.config.get("verify_with") == CERTIFICATE

    def is_configured(self):
        config = self.config
        merchant = all(
            config.get(key) for key in ("mchid", "appid", "api_v3_key", "private_key_file", "cert_serial_no")
        )
        if self.verifies_with_certificates():
            return merchant and bool(config.get("platform_cert_dir"))
        return merchant and bool(config.get("public_key_id") and config.get("public_key_file"))

    def client(self):
        if not self.is_configured():
            raise ProviderError("WeChat Pay is not configured")
        config = self.config
        options = {
            "wechatpay_type": WeChatPayType.NATIVE,
            "mchid": config["mchid"],
            "private_key": read_key(config["private_key_file"]),
            "cert_serial_no": config["cert_serial_no"],
            "appid": config["appid"],
            "apiv3_key": config["api_v3_key"],
            "notify_url": notify_url(self.method),
            "timeout": (5, config.get("timeout") or 10),
        }
        if self.verifies_with_certificates():
            # Certificates are read from this directory; new ones are downloaded into it.
            options["cert_dir"] = config["platform_cert_dir"]
        else:
            options["public_key"] = read_key(config["public_key_file"])
            options["public_key_id"] = config["public_key_id"]
        try:
            client = WeChatPayClient(**options)
        except Exception as error:  # noqa: BLE001 - the client raises bare Exception for bad keys
            raise ProviderError(f"WeChat Pay client not usable: {error}") from error
        # The client has no option for the domain it calls: WeChat Pay's backup domain
        # (and a test server) are set here.
        client._core._gate_way = (config.get("gateway") or "https://api.mch.weixin.qq.com").rstrip("/")
        return client

    def _call(self, api, **kwargs):
        """(status, body) of one API call; ProviderError when WeChat Pay cannot be reached
        or its answer is not signed by WeChat Pay."""
        try:
            return api(**kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"WeChat Pay unreachable: {error.__class__.__name__}") from error
        except Exception as error:  # noqa: BLE001 - the client raises bare Exception on a bad signature
            raise ProviderError(f"WeChat Pay answer refused: {error}") from error

    def start(self, order, request):
        key = f"payments:wechat:code_url:{order.reference}:{order.amount_in_fen}"
        code_url = cache.get(key)
        if not code_url:
            code_url = self._create_native_order(order)
            remaining = (order.expires_at - timezone.now()).total_seconds()
            cache.set(key, code_url, max(1, min(int(remaining), CODE_URL_CACHE_SECONDS)))
        return Checkout(
            template="payments/checkout/wechat.html",
            context={
                "qr_svg": qr_svg(code_url, gettext("WeChat Pay QR code")),
                "amount": order.amount,
                "reference": order.reference,
            },
        )

    def _create_native_order(self, order):
        client = self.client()
        # The same order sent again must be identical, or WeChat Pay refuses it as a
        # duplicate: the description does not depend on the visitor's language.
        description = f"Longtang {order.product.name_en}".encode()[:120].decode("utf-8", "ignore")
        expires = max(order.expires_at, timezone.now() + timedelta(minutes=1))
        status, body = self._call(
            client.pay,
            description=description,
            out_trade_no=order.reference,
            amount={"total": order.amount_in_fen, "currency": order.currency},
            time_expire=expires.astimezone(SHANGHAI).isoformat(timespec="seconds"),
        )
        if status != 200:
            raise ProviderError(f"WeChat Pay refused the order: {status} {str(body)[:200]}")
        try:
            code_url = json.loads(body)["code_url"]
        except (ValueError, KeyError, TypeError) as error:
            raise ProviderError("WeChat Pay answered without a code_url") from error
        if not isinstance(code_url, str) or not code_url.startswith("weixin://"):
            raise ProviderError("WeChat Pay answered with an unexpected code_url")
        return code_url

    def parse_notification(self, request):
        body = request.body
        if len(body) > MAX_NOTIFICATION_BYTES:
            raise InvalidNotification("Notification too large")
        headers = request.headers
        if not headers.get("Wechatpay-Signature"):
            raise InvalidNotification("Not signed")
        serial = headers.get("Wechatpay-Serial", "")
        if not self.verifies_with_certificates() and serial != self.config["public_key_id"]:
            raise InvalidNotification("Signed with a key we do not know")
        if self.verifies_with_certificates() and not self._may_verify_with_certificate(serial):
            raise InvalidNotification("Signed with a certificate we do not know")
        try:
            client = self.client()
        except ProviderError as error:
            raise InvalidNotification(f"Cannot verify: {error}") from error
        try:
            data = client.callback(headers, body)
        except Exception as error:  # noqa: BLE001 - bare Exception for unknown algorithms, bad JSON
            raise InvalidNotification(f"Unreadable notification: {error.__class__.__name__}") from error
        if not data:
            raise InvalidNotification("Signature or encrypted payload not valid")
        resource = data.get("resource")
        if not isinstance(resource, dict):
            raise InvalidNotification("No payment in the notification")
        return self._event(resource, event_id=str(data.get("id") or ""))

    def _may_verify_with_certificate(self, serial):
        """A certificate we have, or a new one the client may download: WeChat Pay
        rotates its certificates rarely, so anyone else's serial numbers must not make
        us call WeChat Pay again and again."""
        if not (0 < len(serial) <= 64 and _is_hex(serial)):
            return False
        cert_dir = Path(self.config["platform_cert_dir"])
        if any(
            int(path.stem, 16) == int(serial, 16) for path in cert_dir.glob("*.pem") if _is_hex(path.stem)
        ):
            return True
        return allow(
            f"payments:wechat-certificates:{cert_dir}", limit=CERTIFICATE_DOWNLOADS_PER_HOUR, period=3600
        )

    def _event(self, transaction, event_id=""):
        """The ``PaymentEvent`` of a transaction (decrypted notification or query answer)."""
        if (
            transaction.get("mchid") != self.config["mchid"]
            or transaction.get("appid") != self.config["appid"]
        ):
            raise InvalidNotification("Payment for another merchant")
        reference = transaction.get("out_trade_no")
        if not isinstance(reference, str) or not reference:
            raise InvalidNotification("No order reference")
        paid = transaction.get("trade_state") == "SUCCESS"
        amount = transaction.get("amount") if isinstance(transaction.get("amount"), dict) else {}
        return PaymentEvent(
            order_reference=reference[:32],
            paid=paid,
            amount=yuan(amount.get("total")) if paid or "total" in amount else None,
            currency=str(amount.get("currency") or ""),
            provider_reference=str(transaction.get("transaction_id") or "")[:64],
            event_id=event_id,
        )

    def acknowledge(self, ok):
        if ok:
            return HttpResponse(status=204)
        return JsonResponse({"code": "FAIL", "message": "Notification rejected"}, status=400)

    def query(self, order):
        status, body = self._call(self.client().query, out_trade_no=order.reference)
        if status == 404:
            return None  # WeChat Pay has no such order: the buyer never scanned the code
        if status != 200:
            raise ProviderError(f"WeChat Pay query failed: {status} {str(body)[:200]}")
        try:
            transaction = json.loads(body)
            if not isinstance(transaction, dict):
                raise InvalidNotification("Not an object")
            event = self._event(transaction)
        except (ValueError, TypeError, InvalidOperation, InvalidNotification) as error:
            raise ProviderError(f"WeChat Pay answered something we cannot read: {error}") from error
        if event.order_reference != order.reference:
            raise ProviderError("WeChat Pay answered about another order")
        return event


def _is_hex(value):
    try:
        int(value, 16)
    except ValueError:
        return False
    return True
