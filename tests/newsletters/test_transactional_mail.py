"""Transactional email through anymail: HTML and text in the recipient's language,
at most once per key, nothing non-essential to a suppressed address."""

import pytest
from django.conf import settings
from django.core import mail

from classifieds.tasks import send_expiry_reminders
from core.mail import send_once
from core.models_mail import SuppressedAddress

pytestmark = pytest.mark.django_db


def test_tests_send_through_anymails_test_backend():
    assert settings.EMAIL_BACKEND == "anymail.backends.test.EmailBackend"
    assert send_once("welcome:1", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []})
    message = mail.outbox[0]
    assert message.anymail_test_params["to"][0].addr_spec == "lin@example.com"
    assert message.alternatives[0][1] == "text/html"
    assert "confirm" in message.body


def test_an_email_is_rendered_in_the_recipients_language():
    send_once(
        "confirm:zh", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []}, "zh-hans"
    )
    assert "订阅" in mail.outbox[0].subject
    assert "订阅" in mail.outbox[0].alternatives[0][0]


def test_the_same_key_is_sent_once_even_when_the_task_runs_twice():
    assert send_once("key:1", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []})
    assert not send_once("key:1", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []})
    assert len(mail.outbox) == 1


def test_a_suppressed_address_gets_no_optional_email_but_still_gets_essential_email():
    SuppressedAddress.suppress("Lin@Example.com", SuppressedAddress.BOUNCED)
    assert not send_once(
        "alert:1", "lin@example.com", "newsletters/email/confirm", {"token": "t", "lists": []}
    )
    assert mail.outbox == []
    assert send_once(
        "security:1",
        "LIN@example.com",
        "newsletters/email/confirm",
        {"token": "t", "lists": []},
        essential=True,
    )
    assert len(mail.outbox) == 1


def test_a_reminder_task_run_twice_sends_one_reminder_and_none_after_suppression(
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta

    from django.utils import timezone

    from classifieds.models import Listing
    from tests.factories.classifieds import ListingFactory
    from tests.factories.users import verified_user

    owner = verified_user(username="owner", email="owner@example.com")
    listing = ListingFactory(owner=owner)
    Listing.objects.filter(pk=listing.pk).update(
        status="published", expires_at=timezone.now() + timedelta(days=2), published_at=timezone.now()
    )
    send_expiry_reminders()
    send_expiry_reminders()  # a retried or overlapping run
    reminders = [m for m in mail.outbox if m.to == ["owner@example.com"]]
    assert len(reminders) == 1

    other = ListingFactory(owner=owner)
    Listing.objects.filter(pk=other.pk).update(
        status="published", expires_at=timezone.now() + timedelta(days=2), published_at=timezone.now()
    )
    SuppressedAddress.suppress("owner@example.com", SuppressedAddress.COMPLAINED)
    send_expiry_reminders()
    assert len([m for m in mail.outbox if m.to == ["owner@example.com"]]) == 1


def test_the_confirmation_task_run_twice_sends_one_email():
    from newsletters.models import NewsletterList, Subscriber
    from newsletters.tasks import send_confirmation

    subscriber = Subscriber.objects.create(email="walker@example.com")
    lists = [NewsletterList.objects.get(slug="this-week").pk]
    send_confirmation(subscriber.pk, lists, "request-1")
    send_confirmation(subscriber.pk, lists, "request-1")  # Celery delivered the task twice
    assert len(mail.outbox) == 1


def test_the_answer_to_a_privacy_request_reaches_a_suppressed_address():
    from support.models import TicketMessage
    from support.tasks import email_staff_reply
    from tests.factories.support import privacy_request
    from tests.factories.users import UserFactory

    asker = UserFactory(username="asker", email="asker@example.com")
    request = privacy_request(asker)
    staff = UserFactory(username="helper", email="helper@example.com", is_staff=True)
    reply = TicketMessage.objects.create(ticket=request, author=staff, from_staff=True, body="Done.")
    SuppressedAddress.suppress("asker@example.com", SuppressedAddress.COMPLAINED)
    mail.outbox = []
    email_staff_reply(reply.pk)
    assert [m.to for m in mail.outbox] == [["asker@example.com"]]
