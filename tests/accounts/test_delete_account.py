"""R-ACC / R-PRIV-3 hand-off: "Delete my account" with password confirmation."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import PhoneVerification, Profile
from accounts.signals import account_deletion_requested
from tests.accounts import images
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_profile(member_client, member):
    member_client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Mei Lin",
            "bio": "Cyclist",
            "nationality": "SG",
            "preferred_language": "en",
            "phone": "+8613812345678",
            "wechat_id": "mei_lin88",
            "avatar": images.png(),
        },
    )
    member_client.post("/en/accounts/phone/", {"action": "send"})
    return Profile.objects.get(user=member)


def test_the_page_asks_for_the_password_and_explains_what_happens(member_client):
    body = member_client.get("/en/accounts/delete/").content.decode()
    assert 'type="password"' in body
    assert "Invoices are kept" in body


@pytest.mark.parametrize(
    "data",
    [
        {"password": "wrong", "confirm": "on"},
        {"password": PASSWORD},  # not confirmed
        {"password": "", "confirm": "on"},
        {},
    ],
)
def test_without_the_right_password_and_confirmation_nothing_happens(
    member_client, member, full_profile, data
):
    response = member_client.post("/en/accounts/delete/", data)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.is_active
    assert Profile.objects.get(user=member).phone == "+8613812345678"


def test_deleting_closes_the_account_at_once_and_scrubs_the_profile(
    member_client, member, full_profile, django_capture_on_commit_callbacks
):
    avatar_name = full_profile.avatar.name
    storage = full_profile.avatar.storage
    received = []
    account_deletion_requested.connect(
        lambda sender, user, **kw: received.append(user.pk), weak=False, dispatch_uid="t"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = member_client.post("/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    finally:
        account_deletion_requested.disconnect(dispatch_uid="t")
    assert response.status_code == 302
    assert received == [member.pk]
    member.refresh_from_db()
    assert not member.is_active
    assert "_auth_user_id" not in member_client.session
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.phone, profile.wechat_id, profile.bio) == ("", "", "", "")
    assert not profile.avatar
    assert not storage.exists(avatar_name)
    assert not PhoneVerification.objects.filter(user=member).exists()
    # The account cannot be used again.
    member_client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD})
    assert "_auth_user_id" not in member_client.session
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_deleting_needs_a_login_and_a_post(client, member):
    assert client.post("/en/accounts/delete/", {"password": PASSWORD, "confirm": "on"}).status_code == 302
    member.refresh_from_db()
    assert member.is_active
