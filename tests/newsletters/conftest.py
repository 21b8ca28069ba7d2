import hashlib
import hmac
import json
import time
import uuid

import pytest

from tests.factories.users import UserFactory, verified_user

SIGNING_KEY = "test-webhook-signing-key"  # settings/test.py: ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]
WEBHOOK_URL = "/anymail/mailgun/tracking/"


@pytest.fixture
def member(db):
    return verified_user(username="lin", email="lin@example.com")


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", email="editor@example.com", is_staff=True, is_superuser=True)
    return user


def sign(timestamp, token, key=SIGNING_KEY):
    """Mailgun's signature: HMAC-SHA256 of timestamp + token with the signing key."""
    return hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()


def mailgun_event(
    event, recipient, *, severity=None, metadata=None, timestamp=None, token=None, key=SIGNING_KEY
):
    """A Mailgun tracking webhook body, signed like Mailgun signs it."""
    timestamp = str(int(timestamp if timestamp is not None else time.time()))
    token = token or uuid.uuid4().hex * 2
    event_data = {
        "event": event,
        "id": uuid.uuid4().hex,
        "timestamp": float(timestamp),
        "recipient": recipient,
        "message": {"headers": {"message-id": "20261125.1@mg.longtang.example"}},
        "user-variables": metadata or {},
        "tags": [],
    }
    if severity:
        event_data["severity"] = severity
        event_data["reason"] = "bounce" if severity == "permanent" else "generic"
        event_data["delivery-status"] = {"code": 550, "message": "5.1.1 No such user", "description": ""}
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": sign(timestamp, token, key)},
        "event-data": event_data,
    }


def post_event(client, body):
    return client.post(WEBHOOK_URL, data=json.dumps(body), content_type="application/json")
