"""Mailgun tracking webhooks: signed by Mailgun's key or refused; a hard bounce or a
complaint suppresses the address, and the member sees it on their settings page."""

import json
import time

import pytest
from django.core import mail

from core.mail import send_once
from core.models_mail import SuppressedAddress
from tests.newsletters.conftest import WEBHOOK_URL, mailgun_event, post_event

pytestmark = pytest.mark.django_db


def test_a_signed_hard_bounce_suppresses_the_address(client):
    response = post_event(client, mailgun_event("failed", "Lin@Example.com", severity="permanent"))
    assert response.status_code == 200
    row = SuppressedAddress.objects.get()
    assert (row.email, row.reason) == ("lin@example.com", SuppressedAddress.BOUNCED)
    assert "No such user" in row.detail
    assert not send_once(
        "alert:9", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []}
    )
    assert mail.outbox == []


def test_a_signed_complaint_suppresses_the_address(client):
    assert post_event(client, mailgun_event("complained", "lin@example.com")).status_code == 200
    assert SuppressedAddress.objects.get().reason == SuppressedAddress.COMPLAINED


def test_a_temporary_failure_suppresses_nothing(client):
    assert (
        post_event(client, mailgun_event("failed", "lin@example.com", severity="temporary")).status_code
        == 200
    )
    assert post_event(client, mailgun_event("delivered", "lin@example.com")).status_code == 200
    assert not SuppressedAddress.objects.exists()


def test_a_forged_signature_is_rejected(client):
    body = mailgun_event("complained", "lin@example.com", key="not-the-signing-key")
    assert post_event(client, body).status_code == 400
    assert not SuppressedAddress.objects.exists()


def test_an_unsigned_post_is_rejected(client):
    body = mailgun_event("complained", "lin@example.com")
    del body["signature"]
    assert post_event(client, body).status_code == 400
    form = client.post(WEBHOOK_URL, {"event": "complained", "recipient": "lin@example.com"})
    assert form.status_code == 400
    assert not SuppressedAddress.objects.exists()


def test_a_tampered_body_with_a_valid_signature_block_cannot_change_the_token(client):
    body = mailgun_event("complained", "lin@example.com")
    body["signature"]["token"] = "another-token-" + "x" * 40
    assert post_event(client, body).status_code == 400


def test_a_replayed_post_is_rejected(client):
    body = mailgun_event("complained", "lin@example.com")
    assert post_event(client, body).status_code == 200
    SuppressedAddress.objects.all().delete()  # the member asked for email again
    assert post_event(client, body).status_code == 400
    assert not SuppressedAddress.objects.exists()


def test_an_old_or_future_timestamp_is_rejected_even_when_signed(client):
    old = mailgun_event("complained", "lin@example.com", timestamp=time.time() - 2 * 24 * 3600)
    assert post_event(client, old).status_code == 400
    future = mailgun_event("complained", "lin@example.com", timestamp=time.time() + 3600)
    assert post_event(client, future).status_code == 400
    assert not SuppressedAddress.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"signature": "x"}),
        json.dumps({"signature": {"timestamp": "abc", "token": "t", "signature": "s"}}),
        json.dumps({"signature": {"timestamp": None, "token": None, "signature": None}}),
    ],
)
def test_hostile_bodies_are_refused_without_an_error(client, body):
    response = client.post(WEBHOOK_URL, data=body, content_type="application/json")
    assert response.status_code == 400


def test_a_signed_event_with_a_malformed_timestamp_is_refused(client):
    from tests.newsletters.conftest import sign

    body = mailgun_event("complained", "lin@example.com")
    body["signature"].update(timestamp="soon", signature=sign("soon", body["signature"]["token"]))
    assert post_event(client, body).status_code == 400


def test_the_member_sees_the_bounce_and_how_to_fix_it(client, member):
    post_event(client, mailgun_event("failed", member.email, severity="permanent"))
    client.force_login(member)
    page = client.get("/en/accounts/notifications/")
    assert "could not be delivered" in page.content.decode()
    assert "/en/accounts/email/" in page.content.decode()

    resumed = client.post("/en/accounts/notifications/", {"action": "resume_email"})
    assert resumed.status_code == 302
    assert not SuppressedAddress.objects.exists()
    assert "could not be delivered" not in client.get("/en/accounts/notifications/").content.decode()


def test_the_settings_page_shows_a_complaint_in_chinese(client, member):
    post_event(client, mailgun_event("complained", member.email))
    client.force_login(member)
    page = client.get("/zh-hans/accounts/notifications/").content.decode()
    assert "垃圾邮件" in page


def test_one_members_page_never_shows_anothers_suppression(client, member):
    post_event(client, mailgun_event("complained", "someone-else@example.com"))
    client.force_login(member)
    assert "marked as spam" not in client.get("/en/accounts/notifications/").content.decode()
    client.post("/en/accounts/notifications/", {"action": "resume_email"})
    assert SuppressedAddress.objects.filter(email="someone-else@example.com").exists()


@pytest.mark.parametrize(
    "recipient",
    [["lin@example.com"], 42, "x" * 300 + "@example.com", "not an address", "<script>@x"],
)
def test_signed_events_with_hostile_recipients_change_nothing(client, recipient):
    body = mailgun_event("complained", "placeholder@example.com")
    body["event-data"]["recipient"] = recipient
    body["event-data"]["user-variables"] = ["not", "a", "dict"]
    assert post_event(client, body).status_code == 200
    assert not SuppressedAddress.objects.exists()
