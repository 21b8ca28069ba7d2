import pytest
from django.core.cache import cache

from tests.factories.users import UserFactory


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", email="alice@example.com")


@pytest.fixture
def mallory(db):
    return UserFactory(username="mallory", email="mallory@example.com")


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="helpdesk", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
