import pytest
from django.core.cache import cache

from accounts.sms import LocmemSMSSender
from tests.factories.users import UserFactory, verified_user

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def clean_rate_limits_and_sms():
    cache.clear()  # allauth keeps its rate-limit counters in the cache
    LocmemSMSSender.outbox.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return verified_user(username="mei", email="mei@example.com")


@pytest.fixture
def other_member(db):
    return verified_user(username="tom", email="tom@example.com")


@pytest.fixture
def unverified_member(db):
    return UserFactory(username="newbie", email="newbie@example.com")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
