"""R-ACC-1, R-ACC-6: sign-up, verification, log-in by username or email, reset,
remember me, throttling and no account enumeration."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, username="lin", email="lin@example.com", language="en", **extra):
    data = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(f"/{language}/accounts/signup/", data)


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_creates_an_unverified_member_and_mails_a_link(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(username="lin")
    assert user.profile.email_verified_at is None
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lin@example.com"]
    assert "[Longtang]" in mail.outbox[0].subject


def test_following_the_link_verifies_the_address_and_records_when(client):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a confirm button, nothing changes on GET
    assert not EmailAddress.objects.get(email="lin@example.com").verified
    client.post(link)
    user = User.objects.get(username="lin")
    assert EmailAddress.objects.get(user=user).verified
    assert timezone.now() - user.profile.email_verified_at < timezone.timedelta(minutes=1)


def test_sign_up_in_chinese_sends_the_mail_in_chinese(client):
    sign_up(client, language="zh-hans")
    assert "邮箱" in mail.outbox[0].body or "电子邮件" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "<script>alert(1)</script>"),
        ("username", "x" * 200),
        ("username", "admin"),
        ("email", "not-an-email"),
        ("email", "a" * 300 + "@example.com"),
    ],
)
def test_hostile_sign_up_input_is_refused_and_creates_nothing(client, field, value):
    response = sign_up(client, **{field: value})
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_honeypot_filled_by_a_bot_creates_no_account(client):
    sign_up(client, website="http://spam.example")
    assert not User.objects.filter(username="lin").exists()


def test_sign_up_with_a_taken_email_does_not_reveal_it(client, member):
    fresh = sign_up(client, username="fresh", email="fresh@example.com")
    client.logout()
    taken = sign_up(client, username="someone", email=member.email)
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert not User.objects.filter(username="someone").exists()
    # The owner of the address is told, not the visitor.
    assert mail.outbox[-1].to == [member.email]


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(client, member):
    known = client.post("/en/accounts/password/reset/", {"email": member.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_password_reset_mail_lets_the_member_choose_a_new_password(client, member):
    client.post("/en/accounts/password/reset/", {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[-1].body).group(
        1
    )
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a brand new passphrase")


@pytest.mark.parametrize("login", ["mei", "mei@example.com", "MEI@example.com"])
def test_log_in_by_username_or_email(client, member, login):
    response = client.post("/en/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == member


def test_remember_me_keeps_the_session_after_the_browser_closes(client, member):
    client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    client.logout()
    client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD, "remember": "on"})
    assert not client.session.get_expire_at_browser_close()


def test_log_out_needs_a_post(client, member):
    client.force_login(member)
    client.get("/en/accounts/logout/")
    assert "_auth_user_id" in client.session
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_passwords_are_stored_hashed(member):
    assert PASSWORD not in member.password
    assert member.password.startswith(("md5$", "pbkdf2_sha256$", "argon2"))


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, member):
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": "mei", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_from_one_address_are_throttled_across_accounts(client, db):
    from tests.factories.users import UserFactory

    users = UserFactory.create_batch(11)
    statuses = []
    for user in users:
        response = client.post("/en/accounts/login/", {"login": user.username, "password": "wrong"})
        statuses.append("Too many failed login attempts" in response.content.decode())
    assert statuses[:10] == [False] * 10
    assert statuses[10] is True


def test_inactive_accounts_cannot_log_in(client, member):
    member.is_active = False
    member.save()
    client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
