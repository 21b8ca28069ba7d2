import pytest

from messaging.models import Enquiry
from privacy.storage import PrivateFileSystemStorage
from tests.factories.classifieds import ListingFactory
from tests.factories.users import UserFactory, verified_user


@pytest.fixture(autouse=True)
def private_documents(tmp_path, monkeypatch):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Enquiry._meta.get_field("cv"), "storage", storage)
    return storage


def old_member(**kwargs):
    """A member whose account is older than a week (the higher limits)."""
    from datetime import timedelta

    from django.utils import timezone

    user = verified_user(**kwargs)
    user.date_joined = timezone.now() - timedelta(days=60)
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def alice(db):
    """Asks about listings."""
    return old_member(username="alice", email="alice@example.com")


@pytest.fixture
def bob(db):
    """Posts listings."""
    user = old_member(username="bob", email="bob@example.com")
    user.profile.display_name = "Bob Landlord"
    user.profile.phone = "+8613900000002"
    user.profile.wechat_id = "bob_wechat_2"
    user.profile.save()
    return user


@pytest.fixture
def carol(db):
    """Has nothing to do with alice and bob."""
    return old_member(username="carol", email="carol@example.com")


@pytest.fixture
def flat(bob):
    return ListingFactory(owner=bob, title="Sunny flat on Wulumuqi Road")


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
