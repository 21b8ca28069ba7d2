"""Nobody reads a thread they are not part of: every messaging and enquiry URL is
tried with another member's ids, by an outsider and by staff (R-MSG-1, R-MSG-2)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from messaging.models import Enquiry, MessageReport, ThreadMember
from tests.factories.classifieds import job
from tests.factories.messaging import conversation
from tests.factories.users import UserFactory

from .conftest import login

pytestmark = pytest.mark.django_db

SECRET = "The door code is 4711"


@pytest.fixture
def private(alice, bob, private_documents):
    """A thread between alice and bob about bob's job, with an application and a CV."""
    posting = job(owner=bob, title="Barista at Lane Coffee")
    thread, sent = conversation(alice, bob, listing=posting, texts=(SECRET, "Thanks, see you"))
    enquiry = Enquiry.objects.create(
        sender=alice,
        kind=Enquiry.Kind.JOB,
        delivery=Enquiry.Delivery.THREAD,
        listing=posting,
        thread=thread,
        recipient=bob,
        about=posting.title,
        message=SECRET,
        shared_email="alice@example.com",
        cv=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 alice cv"),
        cv_format="pdf",
    )
    return {"thread": thread, "message": sent[1], "own_message": sent[0], "enquiry": enquiry}


def urls(private):
    thread, message, enquiry = private["thread"].pk, private["message"].pk, private["enquiry"].pk
    return [
        ("get", f"/en/messages/t/{thread}/"),
        ("post", f"/en/messages/t/{thread}/"),
        ("post", f"/en/messages/t/{thread}/archive/"),
        ("post", f"/en/messages/t/{thread}/mute/"),
        ("get", f"/en/messages/m/{message}/report/"),
        ("post", f"/en/messages/m/{message}/report/"),
        ("get", f"/en/messages/enquiries/{enquiry}/cv/"),
        ("get", f"/zh-hans/messages/t/{thread}/"),
    ]


def assert_nothing_leaks(client, private):
    for method, url in urls(private):
        response = getattr(client, method)(url, {"body": "Hijack", "reason": "spam"})
        assert response.status_code == 404, (method, url, response.status_code)
        if hasattr(response, "content"):
            assert SECRET not in response.content.decode()
    thread = private["thread"]
    assert thread.messages.count() == 2
    assert not thread.messages.filter(body="Hijack").exists()
    assert MessageReport.objects.count() == 0
    assert not ThreadMember.objects.filter(thread=thread, archived_at__isnull=False).exists()
    assert not ThreadMember.objects.filter(thread=thread, muted=True).exists()


def test_an_outsider_finds_nothing_at_any_url(client, carol, private):
    login(client, carol)
    assert_nothing_leaks(client, private)
    for page in (
        "/en/messages/",
        "/en/messages/archived/",
        "/en/messages/enquiries/",
        "/en/accounts/my-posts/",
    ):
        body = client.get(page).content.decode()
        assert SECRET not in body and "Barista at Lane Coffee" not in body


def test_staff_cannot_read_a_thread_that_was_not_reported(client, private):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    login(client, admin)
    assert_nothing_leaks(client, private)
    for url in (
        "/admin/snippets/messaging/message/",
        "/admin/snippets/messaging/thread/",
        "/django-admin/messaging/message/",
        "/django-admin/messaging/thread/",
    ):
        assert client.get(url, follow=True).status_code == 404, url
    for url in ("/admin/snippets/messaging/messagereport/", "/admin/snippets/messaging/threadaccesslog/"):
        assert SECRET not in client.get(url).content.decode()


def test_unknown_ids_look_the_same_as_other_peoples(client, carol):
    login(client, carol)
    for url in (
        "/en/messages/t/999999/",
        "/en/messages/m/999999/report/",
        "/en/messages/enquiries/999999/cv/",
    ):
        assert client.get(url).status_code == 404


def test_visitors_are_sent_to_log_in(client, private):
    for method, url in urls(private):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_the_two_members_do_get_in(client, alice, bob, private):
    for user in (alice, bob):
        login(client, user)
        assert SECRET in client.get(f"/en/messages/t/{private['thread'].pk}/").content.decode()
        response = client.get(f"/en/messages/enquiries/{private['enquiry'].pk}/cv/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Disposition"].startswith("attachment")


def test_nobody_reports_their_own_message(client, alice, private):
    login(client, alice)
    assert client.get(f"/en/messages/m/{private['own_message'].pk}/report/").status_code == 404
