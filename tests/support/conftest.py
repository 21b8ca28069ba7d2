import pytest

from tests.factories.users import UserFactory


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
