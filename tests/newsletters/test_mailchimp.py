"""Mailchimp mirroring with the official client against a local server that records
what it is sent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from newsletters import mailchimp
from newsletters.models import NewsletterList, Subscriber
from newsletters.tokens import preferences_token, unsubscribe_token
from privacy.erasure import erase_user
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


class FakeMailchimp(BaseHTTPRequestHandler):
    requests = []
    fail_with = None

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null")
        type(self).requests.append((self.command, self.path, body, self.headers.get("Authorization")))
        status = type(self).fail_with or (204 if self.command == "DELETE" else 200)
        payload = json.dumps({"status": status, "id": "x"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_PUT = do_DELETE = do_POST = do_PATCH = do_GET = handle_any

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_mailchimp(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeMailchimp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeMailchimp.requests = []
    FakeMailchimp.fail_with = None
    settings.MAILCHIMP_API_KEY = "0123456789abcdef-us21"
    settings.MAILCHIMP_API_HOST = f"http://127.0.0.1:{server.server_port}/3.0"
    settings.MAILCHIMP_LANGUAGE_MERGE_FIELD = "LANGUAGE"
    yield FakeMailchimp
    server.shutdown()
    server.server_close()


@pytest.fixture
def weekly():
    newsletter_list = NewsletterList.objects.get(slug="this-week")
    newsletter_list.mailchimp_audience_id = "aud-weekly"
    newsletter_list.save()
    return newsletter_list


def member_path(email, audience="aud-weekly"):
    return f"/3.0/lists/{audience}/members/{mailchimp.member_hash(email)}"


def test_subscribe_update_unsubscribe_and_archive_on_erasure(
    client, fake_mailchimp, weekly, django_capture_on_commit_callbacks
):
    member = verified_user(username="mei", email="Mei@Example.com")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/notifications/", {"newsletters-lists": [weekly.pk]})
    method, path, body, auth = fake_mailchimp.requests[-1]
    assert (method, path) == ("PUT", member_path("mei@example.com"))
    assert body["status"] == body["status_if_new"] == "subscribed"
    assert body["email_address"] == "mei@example.com" and body["merge_fields"] == {"LANGUAGE": "English"}
    assert auth.startswith("Basic ")

    subscriber = Subscriber.objects.get(user=member)
    with django_capture_on_commit_callbacks(execute=True):
        Client(enforce_csrf_checks=True).post(
            f"/newsletters/unsubscribe/{unsubscribe_token(subscriber, weekly)}/"
        )
    assert fake_mailchimp.requests[-1][2]["status"] == "unsubscribed"

    with django_capture_on_commit_callbacks(execute=True):
        erase_user(member.pk)
    assert fake_mailchimp.requests[-1][:2] == ("DELETE", member_path("mei@example.com"))


def test_lists_without_an_audience_and_unconfirmed_people_send_nothing(
    client, fake_mailchimp, weekly, django_capture_on_commit_callbacks
):
    events = NewsletterList.objects.get(slug="events-digest")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newsletters/subscribe/", {"email": "walker@example.com"})
    assert fake_mailchimp.requests == []  # not confirmed: Mailchimp hears nothing
    subscriber = Subscriber.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/newsletters/preferences/{preferences_token(subscriber)}/", {"lists": [events.pk]})
    assert fake_mailchimp.requests == []


def test_a_mailchimp_outage_makes_the_task_try_again_later(fake_mailchimp, weekly):
    from celery.exceptions import Retry

    from newsletters.tasks import sync_mailchimp
    from tests.newsletters.test_campaigns import subscribe

    subscriber = subscribe("reader@example.com", weekly)
    fake_mailchimp.fail_with = 503
    with pytest.raises(Retry):
        sync_mailchimp.apply(args=[subscriber.pk], throw=True)
    fake_mailchimp.fail_with = None
    sync_mailchimp.apply(args=[subscriber.pk], throw=True)
    assert [r[0] for r in fake_mailchimp.requests] == ["PUT", "PUT"]
