"""R-MSG-1, R-MAIL-5: members write to each other in threads about a listing or
directly, with an inbox, unread counts, archive, mute and an email for each new
message that says who wrote, never what or how to reach them."""

import re

import pytest
from django.core import mail

from messaging.models import Thread, ThreadMember
from messaging.tasks import notify_new_message
from tests.factories.classifieds import job, personal
from tests.factories.messaging import conversation, message
from tests.factories.users import UserFactory

from .conftest import login

pytestmark = pytest.mark.django_db


def start(client, listing, body="Hello! Is the flat still available? Call me on +8613911112222."):
    return client.post(f"/en/messages/listing/{listing.pk}/", {"body": body})


def test_a_member_messages_the_poster_and_the_poster_gets_an_email_with_a_link_only(
    client, alice, bob, flat, django_capture_on_commit_callbacks
):
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, flat)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == f"/en/messages/t/{thread.pk}/"
    assert thread.listing == flat
    assert {m.user for m in thread.members.all()} == {alice, bob}

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["bob@example.com"]
    assert "alice" in email.subject
    assert f"http://testserver/en/messages/t/{thread.pk}/" in email.body
    assert "Sunny flat on Wulumuqi Road" in email.body
    # Never the conversation, never the sender's contact details.
    for secret in ("still available", "+8613911112222", "alice@example.com"):
        assert secret not in email.body
        assert secret not in email.alternatives[0][0]


def test_the_email_speaks_the_recipients_language(
    client, alice, bob, flat, django_capture_on_commit_callbacks
):
    bob.profile.preferred_language = "zh-hans"
    bob.profile.save()
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, flat)
    assert "/zh-hans/messages/t/" in mail.outbox[0].body


def test_the_poster_replies_and_the_member_sees_it(
    client, alice, bob, flat, django_capture_on_commit_callbacks
):
    login(client, alice)
    start(client, flat)
    thread = Thread.objects.get()
    login(client, bob)
    page = client.get(f"/en/messages/t/{thread.pk}/").content.decode()
    assert "Is the flat still available?" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/messages/t/{thread.pk}/", {"body": "Yes! Come on Saturday."})
    assert mail.outbox[-1].to == ["alice@example.com"]
    login(client, alice)
    assert "Yes! Come on Saturday." in client.get(f"/en/messages/t/{thread.pk}/").content.decode()


def test_asking_again_about_the_same_listing_continues_the_thread(client, alice, flat):
    login(client, alice)
    start(client, flat)
    response = client.get(f"/en/messages/listing/{flat.pk}/")
    assert response.status_code == 302
    assert response.url == Thread.objects.get().get_absolute_url()


def test_no_message_to_ones_own_listing_nor_to_a_hidden_one(client, alice, bob, flat):
    login(client, bob)
    assert client.get(f"/en/messages/listing/{flat.pk}/").status_code == 404
    flat.status = "expired"
    flat.save()
    login(client, alice)
    assert start(client, flat).status_code == 404
    assert Thread.objects.count() == 0


def test_jobs_are_applied_for_and_personals_need_a_login(client, alice, bob):
    posting = job(owner=bob)
    login(client, alice)
    assert client.get(f"/en/messages/listing/{posting.pk}/").status_code == 404
    date = personal(owner=bob)
    client.logout()
    assert client.get(f"/en/messages/listing/{date.pk}/").status_code == 302


def test_direct_messages_between_two_members(client, alice, carol, django_capture_on_commit_callbacks):
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/messages/to/carol/", {"body": "Hi Carol, we met at the market."})
    thread = Thread.objects.get()
    assert response.url == thread.get_absolute_url() and thread.listing is None
    assert mail.outbox[0].to == ["carol@example.com"]
    assert client.get("/en/messages/to/alice/").status_code == 404  # not to oneself
    assert client.get("/en/messages/to/nobody-here/").status_code == 404


def test_inbox_shows_unread_counts_until_the_thread_is_read(client, alice, bob):
    thread, _ = conversation(alice, bob, texts=("Question",))
    message(thread, bob, "Answer 1")
    message(thread, bob, "Answer 2")
    login(client, alice)
    inbox = client.get("/en/messages/").content.decode()
    assert "Answer 2" in inbox  # a preview of the last message
    assert re.search(r"\b2 new\b", inbox)
    client.get(f"/en/messages/t/{thread.pk}/")
    assert not re.search(r"\d new\b", client.get("/en/messages/").content.decode())


def test_archive_and_a_new_message_brings_the_thread_back(client, alice, bob):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    response = client.post(f"/en/messages/t/{thread.pk}/archive/")
    assert response.url == "/en/messages/"
    assert "Sunny" not in client.get("/en/messages/").content.decode()
    assert thread.listing.title in client.get("/en/messages/archived/").content.decode()
    login(client, bob)
    client.post(f"/en/messages/t/{thread.pk}/", {"body": "Still interested?"})
    login(client, alice)
    assert thread.listing.title in client.get("/en/messages/").content.decode()


def test_a_muted_thread_sends_no_email(client, alice, bob, django_capture_on_commit_callbacks):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    client.get(f"/en/messages/t/{thread.pk}/")
    client.post(f"/en/messages/t/{thread.pk}/mute/")
    assert ThreadMember.objects.get(thread=thread, user=alice).muted
    login(client, bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/messages/t/{thread.pk}/", {"body": "Price dropped!"})
    assert mail.outbox == []


def test_members_who_turned_message_emails_off_get_none(
    client, alice, bob, flat, django_capture_on_commit_callbacks
):
    bob.profile.notify_messages = False
    bob.profile.save()
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, flat)
    assert mail.outbox == []
    assert Thread.objects.count() == 1


def test_a_new_message_email_is_sent_once_even_when_the_task_is_retried(alice, bob):
    thread, sent = conversation(alice, bob, texts=("Is it still available?",))
    notify_new_message.apply(args=[sent[0].pk])
    notify_new_message.apply(args=[sent[0].pk])  # the broker delivers it again
    assert len(mail.outbox) == 1


def test_one_email_per_visit_not_per_message(client, alice, bob, django_capture_on_commit_callbacks):
    thread, _ = conversation(alice, bob, texts=("Hi",))
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("One", "Two", "Three"):
            client.post(f"/en/messages/t/{thread.pk}/", {"body": text})
    assert len(mail.outbox) == 1
    login(client, bob)
    client.get(f"/en/messages/t/{thread.pk}/")  # bob reads them
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/messages/t/{thread.pk}/", {"body": "Four"})
    assert len(mail.outbox) == 2


def test_messages_are_plain_text_with_safe_links(client, alice, bob):
    body = (
        '<script>alert("x")</script> <b>bold</b> javascript:alert(1) '
        'see https://example.org/flat?a=1&b="2" or www.example.com/x\nnext line'
    )
    thread, _ = conversation(alice, bob, texts=(body,))
    login(client, bob)
    page = client.get(f"/en/messages/t/{thread.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page
    assert 'href="javascript' not in page
    assert 'rel="nofollow noopener noreferrer ugc"' in page
    assert 'href="https://example.org/flat?a=1&amp;b=' in page
    assert "<br>next line" in page


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "This field is required."),
        ("   \n  ", "Write a message."),
        ("x" * 5001, "at most 5000 characters"),
        ("right\u202eto left", "invisible control characters"),
    ],
)
def test_empty_oversize_or_tricky_messages_are_refused(client, alice, bob, body, error):
    thread, _ = conversation(alice, bob, texts=("Hi",))
    login(client, alice)
    response = client.post(f"/en/messages/t/{thread.pk}/", {"body": body})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert thread.messages.count() == 1


def test_a_closed_account_cannot_be_written_to(client, alice, bob):
    thread, _ = conversation(alice, bob)
    bob.is_active = False
    bob.save()
    login(client, alice)
    response = client.post(f"/en/messages/t/{thread.pk}/", {"body": "Hello?"})
    assert response.status_code == 403
    assert thread.messages.count() == 2


def test_messaging_needs_a_verified_email(client, flat):
    client.force_login(UserFactory(username="fresh"))
    start(client, flat)
    assert Thread.objects.count() == 0


def test_the_thread_page_is_bilingual(client, alice, bob):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    page = client.get(f"/zh-hans/messages/t/{thread.pk}/").content.decode()
    assert "发送" in page and "屏蔽" in page


def test_the_dashboard_lists_conversations(client, alice, bob):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    page = client.get("/en/accounts/my-posts/").content.decode()
    assert thread.listing.title in page and "Bob Landlord" in page and "1 new" in page
