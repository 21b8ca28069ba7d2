"""R-MSG-1: members block and report; moderators read a reported thread (and only
that one, logged) and warn, remove or suspend; repeated texts are held (R-LOG-3)."""

import pytest
from django.core import mail

from messaging.models import Block, Message, MessageReport, Thread, ThreadAccessLog
from tests.factories.classifieds import ListingFactory
from tests.factories.messaging import conversation
from tests.factories.users import verified_user

from .conftest import login

pytestmark = pytest.mark.django_db


def test_after_a_block_neither_can_write_and_the_thread_is_hidden(client, alice, bob):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    response = client.post("/en/messages/block/bob/")
    assert response.url == "/en/messages/blocked/"
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()
    assert "Bob Landlord" in client.get("/en/messages/blocked/").content.decode()
    assert thread.listing.title not in client.get("/en/messages/").content.decode()
    assert client.post(f"/en/messages/t/{thread.pk}/", {"body": "hi"}).status_code == 403

    login(client, bob)
    assert thread.listing.title not in client.get("/en/messages/").content.decode()
    page = client.get(f"/en/messages/t/{thread.pk}/").content.decode()
    assert "You can no longer send messages in this conversation." in page
    assert 'name="body"' not in page
    response = client.post(f"/en/messages/t/{thread.pk}/", {"body": "Why did you block me?"})
    assert response.status_code == 403
    other = ListingFactory(owner=alice)
    response = client.post(f"/en/messages/listing/{other.pk}/", {"body": "New thread then"})
    assert response.status_code == 403
    assert client.post("/en/messages/to/alice/", {"body": "Direct then"}).status_code == 403
    assert thread.messages.count() == 2 and Thread.objects.count() == 1


def test_unblocking_restores_the_thread(client, alice, bob):
    thread, _ = conversation(alice, bob)
    login(client, alice)
    client.post("/en/messages/block/bob/")
    client.post("/en/messages/unblock/bob/")
    assert thread.listing.title in client.get("/en/messages/").content.decode()
    assert client.post(f"/en/messages/t/{thread.pk}/", {"body": "Sorry"}).status_code == 302


def test_blocking_oneself_is_not_a_thing(client, alice):
    login(client, alice)
    assert client.post("/en/messages/block/alice/").status_code == 404
    assert client.get("/en/messages/block/bob/").status_code in (404, 405)


def report(client, message, **data):
    return client.post(f"/en/messages/m/{message.pk}/report/", {"reason": "harassment", **data})


def test_a_member_reports_a_message_and_may_block_at_once(client, alice, bob):
    thread, sent = conversation(alice, bob, texts=("Hello", "Send me money first"))
    login(client, alice)
    response = report(client, sent[1], details="Asks for a deposit before a viewing", block="on")
    assert response.url == "/en/messages/"
    stored = MessageReport.objects.get()
    assert (stored.message, stored.reporter, stored.reason) == (sent[1], alice, "harassment")
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()
    report(client, sent[1])  # twice is once
    assert MessageReport.objects.count() == 1


def test_a_moderator_reads_only_the_reported_thread_and_every_opening_is_logged(
    client, alice, bob, carol, moderator
):
    thread, sent = conversation(alice, bob, texts=("Hello", "Rude words"))
    other, _ = conversation(carol, bob, texts=("Private between carol and bob",))
    login(client, alice)
    report(client, sent[1])
    stored = MessageReport.objects.get()

    login(client, moderator)
    listing = client.get("/admin/snippets/messaging/messagereport/").content.decode()
    assert f"/admin/messaging/reports/{stored.pk}/" in listing and "Rude words" not in listing
    page = client.get(f"/admin/messaging/reports/{stored.pk}/").content.decode()
    assert "Rude words" in page and "Hello" in page
    assert "Private between carol and bob" not in page
    client.get(f"/admin/messaging/reports/{stored.pk}/")
    logs = ThreadAccessLog.objects.all()
    assert [(log.thread, log.staff, log.report) for log in logs] == [(thread, moderator, stored)] * 2
    assert client.get(f"/en/messages/t/{other.pk}/").status_code == 404
    # The edit screen of a report leads to the same, logged, review.
    response = client.get(f"/admin/snippets/messaging/messagereport/edit/{stored.pk}/")
    assert response.url == f"/admin/messaging/reports/{stored.pk}/"


def test_members_without_the_moderation_right_cannot_open_reports(client, alice, bob, carol):
    _, sent = conversation(alice, bob)
    login(client, alice)
    report(client, sent[1])
    stored = MessageReport.objects.get()
    login(client, carol)
    assert client.get(f"/admin/messaging/reports/{stored.pk}/").status_code == 302
    assert ThreadAccessLog.objects.count() == 0


@pytest.fixture
def reported(client, alice, bob):
    thread, sent = conversation(alice, bob, texts=("Hello", "Rude words"))
    login(client, alice)
    report(client, sent[1])
    return MessageReport.objects.get()


def act(client, moderator, report_, action, note=""):
    login(client, moderator)
    return client.post(f"/admin/messaging/reports/{report_.pk}/", {"action": action, "note": note})


def test_warn_emails_the_sender_the_moderators_note(
    client, moderator, reported, bob, django_capture_on_commit_callbacks
):
    act(client, moderator, reported, "warned")  # a warning needs words
    reported.refresh_from_db()
    assert reported.is_open
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator, reported, "warned", "Please stay polite.")
    reported.refresh_from_db()
    assert (reported.action, reported.resolved_by) == ("warned", moderator)
    assert mail.outbox[-1].to == ["bob@example.com"] and "Please stay polite." in mail.outbox[-1].body


def test_remove_hides_the_message_from_both_members(client, moderator, reported, alice):
    act(client, moderator, reported, "removed")
    message = Message.objects.get(pk=reported.message_id)
    assert message.status == "removed"
    login(client, alice)
    page = client.get(f"/en/messages/t/{message.thread_id}/").content.decode()
    assert "Rude words" not in page and "removed by a moderator" in page


def test_suspend_closes_the_senders_account(client, moderator, reported, bob):
    act(client, moderator, reported, "suspended")
    bob.refresh_from_db()
    assert not bob.is_active
    assert Message.objects.get(pk=reported.message_id).status == "removed"


def test_staff_are_not_suspended_from_here(client, moderator, reported, bob):
    bob.is_staff = True
    bob.save()
    act(client, moderator, reported, "suspended")
    bob.refresh_from_db()
    assert bob.is_active and MessageReport.objects.get().is_open


def test_the_same_text_to_many_members_is_held_for_a_moderator(
    client, alice, moderator, settings, django_capture_on_commit_callbacks
):
    settings.MESSAGING_REPEAT_THREADS = 3
    spam = "Cheap visas!!! Write to me on WeChat."
    login(client, alice)
    listings = [ListingFactory(owner=verified_user()) for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for listing in listings:
            client.post(f"/en/messages/listing/{listing.pk}/", {"body": spam})
    statuses = list(Message.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["visible"] * 3 + ["held"] * 2
    assert len(mail.outbox) == 3
    held = Message.objects.filter(status="held").first()
    login(client, held.thread.members.exclude(user=alice).get().user)
    assert "Cheap visas" not in client.get(f"/en/messages/t/{held.thread_id}/").content.decode()
    login(client, alice)
    assert "Waiting for a moderator" in client.get(f"/en/messages/t/{held.thread_id}/").content.decode()

    hold = MessageReport.objects.get(message=held)
    assert hold.reason == "held" and hold.reporter is None
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator, hold, "released")
    held.refresh_from_db()
    assert held.status == "visible" and len(mail.outbox) == 4
