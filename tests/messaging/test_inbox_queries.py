"""The inbox runs the same number of queries for 5 conversations as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from messaging import limits
from messaging.models import Message, Thread, ThreadMember
from tests.factories.classifieds import ListingFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

# Session, user, the page chrome (site, menu, cookie groups: as on every page), the
# count for the paginator, one page of threads and the other member of each.
INBOX_QUERIES = 11


def make_threads(me, n):
    others = UserFactory.create_batch(n)
    listing = ListingFactory()
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        [Thread(key=f"t:{me.pk}:{i}", listing=listing if i % 2 else None) for i in range(n)]
    )
    ThreadMember.objects.bulk_create(
        [ThreadMember(thread=t, user=u) for t, u in zip(threads, others, strict=True)]
        + [ThreadMember(thread=t, user=me) for t in threads]
    )
    Message.objects.bulk_create(
        [
            Message(
                thread=t, sender=u, body=f"Hello {i}", fingerprint=limits.fingerprint("x"), created_at=now
            )
            for i, (t, u) in enumerate(zip(threads, others, strict=True))
        ]
    )


def queries_for(client, me, url):
    client.force_login(me)
    client.get(url)  # site settings rows are created on first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("n", [5, 200])
def test_inbox_query_count_is_pinned(client, n):
    me = UserFactory(username="me")
    make_threads(me, n)
    count, page = queries_for(client, me, "/en/messages/")
    assert count <= INBOX_QUERIES
    assert page.count('class="thread-row unread"') == min(n, 20)


@pytest.mark.parametrize("url", ["/en/messages/", "/en/accounts/my-posts/"])
def test_the_same_queries_for_5_and_200_threads(client, url):
    small, large = UserFactory(username="small"), UserFactory(username="large")
    make_threads(small, 5)
    make_threads(large, 200)
    assert queries_for(client, small, url)[0] == queries_for(client, large, url)[0]
