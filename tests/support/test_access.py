"""Nobody reads or replies to a ticket that is not theirs; internal notes stay internal."""

import pytest

from support import services
from support.models import Status, TicketMessage
from tests.factories.support import ticket

pytestmark = pytest.mark.django_db


def test_another_members_ticket_is_not_found_and_nothing_changes(client, alice, mallory):
    mine = ticket(alice, subject="My private problem")
    client.force_login(mallory)
    response = client.get(f"/en/support/tickets/{mine.pk}/")
    assert response.status_code == 404
    assert "My private problem" not in response.content.decode()
    response = client.post(f"/en/support/tickets/{mine.pk}/", {"body": "Let me in"})
    assert response.status_code == 404
    assert not TicketMessage.objects.filter(ticket=mine).exists()
    assert "My private problem" not in client.get("/en/support/tickets/").content.decode()


def test_visitors_are_sent_to_log_in(client, alice):
    mine = ticket(alice)
    response = client.get(f"/en/support/tickets/{mine.pk}/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_member_sees_staff_replies_but_never_internal_notes(client, alice, staff):
    mine = ticket(alice)
    services.staff_update(
        mine,
        staff,
        reply="We reset your password.",
        note="User seems confused, check logs",
        status=Status.WAITING,
    )
    client.force_login(alice)
    page = client.get(f"/en/support/tickets/{mine.pk}/").content.decode()
    assert "We reset your password." in page
    assert "check logs" not in page
    assert "Waiting for a reply" in page


def test_member_reply_opens_the_ticket_again(client, alice, staff):
    mine = ticket(alice)
    services.staff_update(mine, staff, reply="Done.", status=Status.RESOLVED)
    client.force_login(alice)
    response = client.post(f"/en/support/tickets/{mine.pk}/", {"body": "It still fails."})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.OPEN
    assert [(c.old_status, c.new_status) for c in mine.status_changes.all()] == [
        ("", "open"),
        ("open", "resolved"),
        ("resolved", "open"),
    ]
    assert "It still fails." in client.get(f"/en/support/tickets/{mine.pk}/").content.decode()


def test_member_opens_a_ticket_and_finds_it_in_the_dashboard(client, alice):
    client.force_login(alice)
    response = client.post(
        "/en/support/tickets/new/",
        {"category": "listing", "subject": "My listing vanished", "body": "Where is it?"},
    )
    assert response.status_code == 302
    made = alice.support_tickets.get()
    assert (made.category, made.email, made.status) == ("listing", "alice@example.com", "open")
    assert "My listing vanished" in client.get("/en/accounts/my-posts/").content.decode()
