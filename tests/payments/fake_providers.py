"""Local stand-ins for WeChat Pay (API v3) and Alipay (OpenAPI gateway).

Each runs an ``http.server`` in a thread, answers the calls the official clients make,
checks the merchant's request signatures, and signs its answers and notifications with
its own test keys the way the real provider does:

- WeChat Pay: requests carry ``Authorization: WECHATPAY2-SHA256-RSA2048 ...`` over
  "METHOD\\npath\\ntimestamp\\nnonce\\nbody\\n"; answers and notifications carry
  ``Wechatpay-Signature`` over "timestamp\\nnonce\\nbody\\n" (SHA256 with RSA), made with
  the WeChat Pay private key (public-key mode) or a platform certificate's key;
  notification payloads are AES-256-GCM encrypted with the APIv3 key.
- Alipay: requests and notifications are signed (RSA2) over the parameters sorted by
  name as "k=v&k=v" (without ``sign``; notifications also without ``sign_type``);
  an answer is signed over the exact JSON text of its ``*_response`` member.
"""

import base64
import datetime
import json
import re
import secrets
import socket
import string
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_pem(key):
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def rsa_sign(key, message):
    return base64.b64encode(key.sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(public_key, message, signature):
    try:
        public_key.verify(base64.b64decode(signature), message.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def self_signed_certificate(key, common_name="Tenpay.com Root CA test platform certificate"):
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )


def nonce_string(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


class FakeServer:
    """An HTTP server on a free local port, serving ``handle(method, path, headers, body)``
    of its owner in a thread."""

    def __init__(self, owner):
        self.owner = owner
        self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def _serve(handler):
                length = int(handler.headers.get("Content-Length") or 0)
                body = handler.rfile.read(length).decode() if length else ""
                self.requests.append((handler.command, handler.path, body))
                status, headers, content = owner.handle(handler.command, handler.path, handler.headers, body)
                data = content.encode() if isinstance(content, str) else content
                handler.send_response(status)
                for name, value in headers.items():
                    handler.send_header(name, value)
                handler.send_header("Content-Length", str(len(data)))
                handler.end_headers()
                handler.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(handler, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def url(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class FakeWeChatPay:
    """WeChat Pay API v3 for one direct merchant: Native orders, order query, platform
    certificates, and the payment notifications it would send."""

    def __init__(self, *, merchant_key, platform_key, mode="public_key"):
        self.mchid = "1900000109"
        self.appid = "wxd678efh567hg6787"
        self.apiv3_key = nonce_string(32)
        self.merchant_serial = secrets.token_hex(20).upper()
        self.merchant_public_key = merchant_key.public_key()
        self.mode = mode
        self.public_key_id = "PUB_KEY_ID_0119000001092025112500000000000001"
        # The keys WeChat Pay signs with: in public-key mode one key; in certificate
        # mode each key has a certificate, and the newest one signs.
        self.platform_keys = [(platform_key, self_signed_certificate(platform_key))]
        self.answer_key = None  # set to sign API answers with another key
        self.orders = {}
        self.server = FakeServer(self)

    @property
    def url(self):
        return self.server.url

    @property
    def requests(self):
        return self.server.requests

    def close(self):
        self.server.close()

    # Keys and certificates

    @property
    def signing_key(self):
        return self.platform_keys[-1][0]

    @property
    def certificate(self):
        return self.platform_keys[-1][1]

    @property
    def serial(self):
        """What goes in Wechatpay-Serial: the public key id, or the certificate's serial."""
        if self.mode == "public_key":
            return self.public_key_id
        return format(self.certificate.serial_number, "X")

    def certificate_pem(self, index=-1):
        return self.platform_keys[index][1].public_bytes(serialization.Encoding.PEM).decode()

    def rotate_certificate(self):
        """WeChat Pay starts signing with a new platform certificate."""
        key = new_key()
        self.platform_keys.append((key, self_signed_certificate(key)))

    def signature_headers(self, body, key=None, serial=None, timestamp=None):
        timestamp = str(timestamp or int(time.time()))
        nonce = nonce_string()
        return {
            "Wechatpay-Timestamp": timestamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Signature": rsa_sign(key or self.signing_key, f"{timestamp}\n{nonce}\n{body}\n"),
            "Wechatpay-Serial": serial or self.serial,
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        }

    def encrypt(self, plaintext, associated_data):
        nonce = nonce_string(12)
        ciphertext = AESGCM(self.apiv3_key.encode()).encrypt(
            nonce.encode(), plaintext.encode(), associated_data.encode()
        )
        return {
            "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": base64.b64encode(ciphertext).decode(),
            "associated_data": associated_data,
            "nonce": nonce,
        }

    # The buyer

    def pay(self, out_trade_no):
        """The buyer scans the code and pays: the transaction succeeds."""
        order = self.orders[out_trade_no]
        order.update(
            trade_state="SUCCESS",
            trade_state_desc="支付成功",
            transaction_id="42000" + "".join(secrets.choice(string.digits) for _ in range(23)),
            success_time=datetime.datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            bank_type="OTHERS",
            payer={"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" + nonce_string(4)},
        )
        order["amount"].update(payer_total=order["amount"]["total"], payer_currency="CNY")
        return order

    def transaction(self, out_trade_no):
        order = self.orders[out_trade_no]
        fields = {
            "appid": order["appid"],
            "mchid": order["mchid"],
            "out_trade_no": out_trade_no,
            "trade_type": "NATIVE",
            "trade_state": order["trade_state"],
            "trade_state_desc": order["trade_state_desc"],
            "attach": "",
            "amount": dict(order["amount"]),
        }
        for key in ("transaction_id", "bank_type", "success_time", "payer"):
            if key in order:
                fields[key] = order[key]
        return fields

    def notification(self, out_trade_no, *, key=None, serial=None, **changes):
        """The body and headers of WeChat Pay's payment notification for a paid order;
        ``changes`` alter the transaction before it is encrypted and signed."""
        transaction = self.transaction(out_trade_no)
        if "total" in changes:
            transaction["amount"]["total"] = transaction["amount"]["payer_total"] = changes.pop("total")
        transaction.update(changes)
        body = self.notification_body(transaction)
        return body, self.signature_headers(body, key=key, serial=serial)

    def notification_body(self, transaction):
        return json.dumps(
            {
                "id": str(uuid.uuid4()),
                "create_time": datetime.datetime.now(SHANGHAI).isoformat(timespec="seconds"),
                "resource_type": "encrypt-resource",
                "event_type": "TRANSACTION.SUCCESS",
                "summary": "支付成功",
                "resource": {
                    "original_type": "transaction",
                    **self.encrypt(json.dumps(transaction, ensure_ascii=False), "transaction"),
                },
            },
            ensure_ascii=False,
        )

    # The API

    def handle(self, method, path, headers, body):
        if not self.authorized(method, path, headers, body):
            return self.answer(401, {"code": "SIGN_ERROR", "message": "签名错误"}, sign=False)
        route = urlsplit(path).path
        if method == "POST" and route == "/v3/pay/transactions/native":
            return self.create_native(json.loads(body))
        match = re.fullmatch(r"/v3/pay/transactions/out-trade-no/([^/]+)", route)
        if method == "GET" and match:
            query = dict(parse_qsl(urlsplit(path).query))
            if query.get("mchid") != self.mchid or match[1] not in self.orders:
                return self.answer(404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"}, sign=False)
            return self.answer(200, self.transaction(match[1]))
        if method == "GET" and route == "/v3/certificates":
            return self.answer(
                200, {"data": [self.encrypted_certificate(i) for i in range(len(self.platform_keys))]}
            )
        return self.answer(404, {"code": "NOT_FOUND", "message": "Not found"}, sign=False)

    def authorized(self, method, path, headers, body):
        authorization = headers.get("Authorization", "")
        scheme, _, params = authorization.partition(" ")
        fields = dict(re.findall(r'(\w+)="([^"]*)"', params))
        if scheme != "WECHATPAY2-SHA256-RSA2048" or fields.get("mchid") != self.mchid:
            return False
        if fields.get("serial_no") != self.merchant_serial:
            return False
        message = f"{method}\n{path}\n{fields.get('timestamp')}\n{fields.get('nonce_str')}\n{body}\n"
        return rsa_verify(self.merchant_public_key, message, fields.get("signature", ""))

    def create_native(self, params):
        if params.get("mchid") != self.mchid or params.get("appid") != self.appid:
            return self.answer(400, {"code": "PARAM_ERROR", "message": "appid和mch_id不匹配"}, sign=False)
        for required in ("description", "out_trade_no", "notify_url", "amount"):
            if not params.get(required):
                return self.answer(400, {"code": "PARAM_ERROR", "message": f"缺少参数{required}"}, sign=False)
        number = params["out_trade_no"]
        known = self.orders.get(number)
        if known is not None:
            if known["request"] != params:
                return self.answer(
                    400, {"code": "INVALID_REQUEST", "message": "201 商户订单号重复"}, sign=False
                )
            return self.answer(200, {"code_url": known["code_url"]})
        self.orders[number] = {
            "request": params,
            "appid": params["appid"],
            "mchid": params["mchid"],
            "amount": {
                "total": params["amount"]["total"],
                "currency": params["amount"].get("currency", "CNY"),
            },
            "notify_url": params["notify_url"],
            "trade_state": "NOTPAY",
            "trade_state_desc": "订单未支付",
            "code_url": f"weixin://wxpay/bizpayurl?pr={nonce_string(7)}",
        }
        return self.answer(200, {"code_url": self.orders[number]["code_url"]})

    def encrypted_certificate(self, index):
        _key, certificate = self.platform_keys[index]
        return {
            "serial_no": format(certificate.serial_number, "X"),
            "effective_time": certificate.not_valid_before_utc.isoformat(),
            "expire_time": certificate.not_valid_after_utc.isoformat(),
            "encrypt_certificate": self.encrypt(self.certificate_pem(index), "certificate"),
        }

    def answer(self, status, payload, sign=True):
        body = json.dumps(payload, ensure_ascii=False)
        headers = {"Content-Type": "application/json; charset=utf-8", "Request-ID": str(uuid.uuid4())}
        if sign:
            headers.update(self.signature_headers(body, key=self.answer_key))
        return status, headers, body


class FakeAlipay:
    """Alipay's OpenAPI gateway for one app: the page-pay cashier, trade query, and the
    asynchronous notifications it would send."""

    def __init__(self, *, app_key, alipay_key):
        self.app_id = "2021000000000001"
        self.seller_id = "2088000000000001"
        self.app_public_key = app_key.public_key()
        self.alipay_key = alipay_key
        self.answer_key = None  # set to sign API answers with another key
        self.trades = {}
        self.server = FakeServer(self)

    @property
    def url(self):
        return self.server.url

    @property
    def gateway(self):
        return f"{self.url}/gateway.do"

    @property
    def requests(self):
        return self.server.requests

    def close(self):
        self.server.close()

    @staticmethod
    def content_to_sign(params, exclude=("sign",)):
        return "&".join(f"{key}={value}" for key, value in sorted(params.items()) if key not in exclude)

    def sign_notification(self, params, key=None):
        """Alipay's notification signature: over every parameter but sign and sign_type."""
        signed = {key_: value for key_, value in params.items() if key_ not in ("sign", "sign_type")}
        signed["sign"] = rsa_sign(key or self.alipay_key, self.content_to_sign(signed))
        signed["sign_type"] = "RSA2"
        return signed

    # The buyer

    def pay(self, out_trade_no):
        trade = self.trades[out_trade_no]
        trade.update(
            trade_status="TRADE_SUCCESS",
            trade_no=datetime.datetime.now(SHANGHAI).strftime("%Y%m%d")
            + "22001"
            + "".join(secrets.choice(string.digits) for _ in range(15)),
            buyer_id="2088" + "".join(secrets.choice(string.digits) for _ in range(12)),
            buyer_logon_id="lon***@example.com",
            gmt_payment=datetime.datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
        )
        return trade

    def notification(self, out_trade_no, *, key=None, **changes):
        """The form fields of Alipay's asynchronous notification for a paid trade."""
        trade = self.trades[out_trade_no]
        now = datetime.datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        params = {
            "notify_time": now,
            "notify_type": "trade_status_sync",
            "notify_id": secrets.token_hex(16),
            "charset": "utf-8",
            "version": "1.0",
            "app_id": self.app_id,
            "auth_app_id": self.app_id,
            "trade_no": trade["trade_no"],
            "out_trade_no": out_trade_no,
            "seller_id": self.seller_id,
            "buyer_id": trade["buyer_id"],
            "buyer_logon_id": trade["buyer_logon_id"],
            "trade_status": trade["trade_status"],
            "total_amount": trade["total_amount"],
            "receipt_amount": trade["total_amount"],
            "buyer_pay_amount": trade["total_amount"],
            "point_amount": "0.00",
            "invoice_amount": trade["total_amount"],
            "subject": trade["subject"],
            "gmt_create": trade["gmt_create"],
            "gmt_payment": trade["gmt_payment"],
            "fund_bill_list": json.dumps([{"amount": trade["total_amount"], "fundChannel": "ALIPAYACCOUNT"}]),
        }
        params.update(changes)
        return self.sign_notification(params, key=key)

    # The gateway

    def handle(self, method, path, headers, body):
        query = dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
        if method == "POST":
            query.update(parse_qsl(body, keep_blank_values=True))
        if urlsplit(path).path != "/gateway.do":
            return 404, {"Content-Type": "text/plain"}, "Not found"
        api = query.get("method", "")
        response_name = api.replace(".", "_") + "_response"
        if query.get("app_id") != self.app_id:
            return self.answer(
                response_name, {"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-app-id"}
            )
        if query.get("sign_type") != "RSA2" or not rsa_verify(
            self.app_public_key, self.content_to_sign(query), query.get("sign", "")
        ):
            if api == "alipay.trade.page.pay":
                return (
                    400,
                    {"Content-Type": "text/html; charset=utf-8"},
                    "<h1>错误代码 invalid-signature</h1>",
                )
            return self.answer(
                response_name,
                {"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature"},
            )
        content = json.loads(query.get("biz_content") or "{}")
        if api == "alipay.trade.page.pay":
            return self.cashier(query, content)
        if api == "alipay.trade.query":
            return self.trade_query(content)
        return self.answer(
            response_name, {"code": "40004", "msg": "Business Failed", "sub_code": "isv.unknown-method"}
        )

    def cashier(self, query, content):
        number = content.get("out_trade_no", "")
        if content.get("product_code") != "FAST_INSTANT_TRADE_PAY" or not number:
            return 400, {"Content-Type": "text/html; charset=utf-8"}, "<h1>错误代码 invalid-parameter</h1>"
        trade = self.trades.setdefault(
            number,
            {
                "trade_status": "WAIT_BUYER_PAY",
                "gmt_create": datetime.datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
            },
        )
        trade.update(
            total_amount=content["total_amount"],
            subject=content.get("subject", ""),
            notify_url=query.get("notify_url", ""),
            return_url=query.get("return_url", ""),
        )
        page = f"<h1>支付宝 收银台</h1><p>{trade['subject']}</p><p>¥{trade['total_amount']}</p>"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page

    def trade_query(self, content):
        trade = self.trades.get(content.get("out_trade_no", ""))
        name = "alipay_trade_query_response"
        if trade is None or "trade_no" not in trade:
            # A trade exists at Alipay once the buyer has logged in on the cashier.
            return self.answer(
                name,
                {
                    "code": "40004",
                    "msg": "Business Failed",
                    "sub_code": "ACQ.TRADE_NOT_EXIST",
                    "sub_msg": "交易不存在",
                    "buyer_pay_amount": "0.00",
                    "invoice_amount": "0.00",
                    "out_trade_no": content.get("out_trade_no", ""),
                    "point_amount": "0.00",
                    "receipt_amount": "0.00",
                },
            )
        return self.answer(
            name,
            {
                "code": "10000",
                "msg": "Success",
                "buyer_logon_id": trade["buyer_logon_id"],
                "buyer_pay_amount": trade["total_amount"],
                "buyer_user_id": trade["buyer_id"],
                "invoice_amount": trade["total_amount"],
                "out_trade_no": content["out_trade_no"],
                "point_amount": "0.00",
                "receipt_amount": trade["total_amount"],
                "send_pay_date": trade["gmt_payment"],
                "total_amount": trade["total_amount"],
                "trade_no": trade["trade_no"],
                "trade_status": trade["trade_status"],
            },
        )

    def answer(self, response_name, payload):
        content = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        signature = rsa_sign(self.answer_key or self.alipay_key, content)
        body = f'{{"{response_name}":{content},"sign":"{signature}"}}'
        return 200, {"Content-Type": "text/html;charset=utf-8"}, body


def closed_port():
    """A local port nothing listens on: a provider that cannot be reached."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
