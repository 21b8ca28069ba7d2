"""Staff work on tickets in the Wagtail admin: reply (emailed once), note, status,
assignee; overdue privacy requests stand out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from support.models import Status, Ticket, TicketMessage
from support.tasks import email_staff_reply
from tests.factories.support import privacy_request, ticket, visitor_ticket

pytestmark = pytest.mark.django_db


def work(client, staff, made, **data):
    client.force_login(staff)
    payload = {"reply": "", "note": "", "status": made.status, "assignee": "", **data}
    return client.post(f"/admin/support/tickets/{made.pk}/", payload)


def test_a_staff_reply_is_emailed_exactly_once(client, alice, staff, django_capture_on_commit_callbacks):
    made = ticket(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = work(client, staff, made, reply="Try the reset link again.", status="waiting")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "Try the reset link again." in mail.outbox[0].body
    reply = TicketMessage.objects.get(ticket=made)
    email_staff_reply(reply.pk)  # the task retried: nothing more is sent
    email_staff_reply.delay(reply.pk)
    assert len(mail.outbox) == 1
    made.refresh_from_db()
    assert made.status == Status.WAITING


def test_a_visitors_ticket_is_answered_at_the_address_they_gave(
    client, staff, django_capture_on_commit_callbacks
):
    made = visitor_ticket(email="fang@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        work(client, staff, made, reply="We open at nine.")
    assert [m.to for m in mail.outbox] == [["fang@example.com"]]


def test_an_internal_note_is_never_emailed(client, alice, staff, django_capture_on_commit_callbacks):
    made = ticket(alice)
    with django_capture_on_commit_callbacks(execute=True):
        work(client, staff, made, note="Check the payment logs", assignee=staff.pk, status="resolved")
    assert mail.outbox == []
    made.refresh_from_db()
    assert (made.assignee, made.status) == (staff, Status.RESOLVED)
    note = TicketMessage.objects.get(ticket=made)
    assert note.is_internal
    page = client.get(f"/admin/support/tickets/{made.pk}/").content.decode()
    assert "Check the payment logs" in page and "Internal note" in page


def test_invalid_staff_input_changes_nothing(client, alice, staff):
    made = ticket(alice)
    response = work(client, staff, made, reply="Hi\u202e", status="exploded")
    assert response.status_code == 400
    assert not TicketMessage.objects.exists()
    made.refresh_from_db()
    assert made.status == Status.OPEN


def test_members_cannot_open_the_admin_ticket_screen(client, alice, mallory):
    made = ticket(alice)
    client.force_login(mallory)
    response = client.post(f"/admin/support/tickets/{made.pk}/", {"reply": "x", "status": "closed"})
    assert response.status_code in (302, 403)
    made.refresh_from_db()
    assert made.status == Status.OPEN and not TicketMessage.objects.exists()


def test_a_privacy_request_is_due_fifteen_days_after_it_was_opened(alice):
    made = privacy_request(alice)
    assert made.due_at == made.created_at + timedelta(days=15)
    assert ticket(alice).due_at is None


def test_overdue_privacy_requests_are_highlighted_to_staff(client, alice, staff):
    late = privacy_request(alice, subject="Late request")
    Ticket.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=1))
    on_time = privacy_request(alice, subject="Recent request")
    done = privacy_request(alice, subject="Answered request")
    Ticket.objects.filter(pk=done.pk).update(due_at=timezone.now() - timedelta(days=2), status="resolved")

    assert list(Ticket.objects.overdue()) == [late]
    client.force_login(staff)
    listing = client.get("/admin/snippets/support/ticket/?overdue=true").content.decode()
    assert "Late request" in listing
    assert "Recent request" not in listing and "Answered request" not in listing
    assert "Overdue" in listing
    assert on_time.pk
    home = client.get("/admin/").content.decode()
    assert "1 overdue privacy request" in home
