"""R-LOG-3: per-member and per-IP limits on new threads, messages and enquiries, lower
for new accounts, with a clear message and nothing half-written."""

import pytest

from messaging.limits import Limit
from messaging.models import Enquiry, Message, Thread
from tests.factories.classifieds import ListingFactory, job
from tests.factories.messaging import conversation
from tests.factories.users import verified_user

from .conftest import login

pytestmark = pytest.mark.django_db


def test_new_threads_are_limited_per_member_and_new_accounts_get_fewer(client, settings):
    settings.MESSAGING_LIMITS = {"thread": Limit(4, 2, 100, 86400, "Too many new conversations today.")}
    newcomer = verified_user(username="newbie")  # joined today
    login(client, newcomer)
    listings = [ListingFactory() for _ in range(3)]
    responses = [
        client.post(f"/en/messages/listing/{li.pk}/", {"body": f"Hi {i}"}) for i, li in enumerate(listings)
    ]
    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "Too many new conversations today." in responses[2].content.decode()
    assert Thread.objects.count() == 2 and Message.objects.count() == 2


def test_an_older_account_gets_the_higher_limit(client, alice, settings):
    settings.MESSAGING_LIMITS = {"thread": Limit(4, 2, 100, 86400, "Too many.")}
    login(client, alice)
    codes = [
        client.post(f"/en/messages/listing/{ListingFactory().pk}/", {"body": "Hi"}).status_code
        for _ in range(5)
    ]
    assert codes == [302] * 4 + [429]


def test_messages_are_limited_per_ip_address_across_accounts(client, settings):
    settings.MESSAGING_LIMITS = {"message": Limit(100, 100, 3, 86400, "This network sent many messages.")}
    codes = []
    for _round in range(2):
        thread, _ = conversation(texts=("Hi",))
        sender = thread.members.first().user
        login(client, sender)
        for _ in range(2):
            codes.append(
                client.post(
                    f"/en/messages/t/{thread.pk}/", {"body": "Again"}, REMOTE_ADDR="198.51.100.7"
                ).status_code
            )
    assert codes == [302, 302, 302, 429]


def test_bursts_are_slowed_down(client, alice, bob, settings):
    settings.MESSAGING_LIMITS = {"burst": Limit(3, 3, 100, 60, "Please wait a minute.")}
    thread, _ = conversation(alice, bob)
    login(client, alice)
    codes = [client.post(f"/en/messages/t/{thread.pk}/", {"body": f"{i}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    assert thread.messages.count() == 2 + 3


def test_enquiries_are_limited(client, alice, settings):
    settings.MESSAGING_LIMITS = {"enquiry": Limit(2, 1, 100, 86400, "Too many enquiries today.")}
    login(client, alice)
    codes = [
        client.post(f"/en/messages/apply/{job().pk}/", {"message": "Please consider me."}).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Enquiry.objects.count() == 2


def test_the_default_limits_are_lower_for_new_accounts():
    from messaging.limits import DEFAULTS

    for action, limit in DEFAULTS.items():
        assert limit.per_user_new < limit.per_user, action
