import pytest

from tests.factories.users import UserFactory, verified_user


@pytest.fixture
def poster(db):
    return verified_user(username="mei", email="mei@example.com")


@pytest.fixture
def poster_client(client, poster):
    client.force_login(poster)
    return client


@pytest.fixture
def stranger(db):
    return verified_user(username="tom", email="tom@example.com")


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Moderators")  # given the listing rights by a migration
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
