"""The ticket lists run the same number of queries for 3 tickets as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from support.models import Category, Ticket, TicketMessage
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

MY_TICKETS_QUERIES = 10


def make_tickets(user, n, staff):
    tickets = [
        Ticket(
            requester=user,
            name="x",
            email=user.email,
            category=Category.PRIVACY if i % 2 else Category.ACCOUNT,
            privacy_type="access" if i % 2 else "",
            subject=f"Ticket {i}",
            body="Help",
        )
        for i in range(n)
    ]
    for t in tickets:
        if t.category == Category.PRIVACY:
            t.due_at = t.created_at
    Ticket.objects.bulk_create(tickets)
    TicketMessage.objects.bulk_create(
        [TicketMessage(ticket=t, author=staff, from_staff=True, body="Answer") for t in tickets]
    )


def queries_for(client, user, url):
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", ["/en/support/tickets/", "/en/accounts/my-posts/"])
def test_the_same_queries_for_3_and_50_tickets(client, url):
    staff = UserFactory(is_staff=True)
    small, large = UserFactory(username="small"), UserFactory(username="large")
    make_tickets(small, 3, staff)
    make_tickets(large, 50, staff)
    small_count, small_page = queries_for(client, small, url)
    large_count, large_page = queries_for(client, large, url)
    assert small_count == large_count
    assert small_page.count('class="ticket-row"') == 3
    assert large_page.count('class="ticket-row"') == (20 if "support" in url else 10)


@pytest.mark.parametrize("n", [3, 50])
def test_my_tickets_query_count_is_pinned(client, n):
    user = UserFactory()
    make_tickets(user, n, UserFactory(is_staff=True))
    count, _page = queries_for(client, user, "/en/support/tickets/")
    assert count <= MY_TICKETS_QUERIES
