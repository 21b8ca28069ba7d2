"""R-ACC-3: phone verification by a one-time SMS code through a pluggable sender."""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from accounts.models import PhoneVerification, Profile
from accounts.sms import LocmemSMSSender

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_phone(member):
    Profile.objects.filter(user=member).update(phone="+8613812345678")
    return member


def ask_for_code(client):
    return client.post("/en/accounts/phone/", {"action": "send"}, follow=True)


def submit(client, code):
    return client.post("/en/accounts/phone/", {"action": "verify", "code": code}, follow=True)


def last_code():
    return LocmemSMSSender.outbox[-1]["body"].split("code is ")[1][:6]


def test_code_is_sent_by_sms_and_verifies_the_number(
    member_client, with_phone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_code(member_client)
    assert "We sent a code to +8613812345678." in response.content.decode()
    assert LocmemSMSSender.outbox[-1]["to"] == "+8613812345678"
    code = last_code()
    # Only a keyed hash of the code is kept.
    assert code not in PhoneVerification.objects.get().code_hash
    response = submit(member_client, code)
    assert "Your phone number is verified." in response.content.decode()
    assert Profile.objects.get(user=with_phone).phone_verified


def test_wrong_codes_are_counted_and_lock_after_five(
    member_client, with_phone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_code(member_client)
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert "That code is not right." in submit(member_client, wrong).content.decode()
    assert PhoneVerification.objects.get().attempts == 5
    response = submit(member_client, code)
    assert "Too many wrong codes." in response.content.decode()
    assert not Profile.objects.get(user=with_phone).phone_verified


@pytest.mark.parametrize("bad", ["12345", "abcdef", "<b>1</b>", "1234567", ""])
def test_malformed_codes_change_nothing(member_client, with_phone, bad):
    ask_for_code(member_client)
    response = submit(member_client, bad)
    assert response.status_code == 200
    assert not Profile.objects.get(user=with_phone).phone_verified
    assert PhoneVerification.objects.get().attempts == 0


def test_codes_expire_after_ten_minutes(member_client, with_phone, django_capture_on_commit_callbacks):
    with freeze_time("2026-11-25 10:00:00"):
        with django_capture_on_commit_callbacks(execute=True):
            ask_for_code(member_client)
        code = last_code()
    with freeze_time("2026-11-25 10:10:01"):
        response = submit(member_client, code)
    assert "This code has expired." in response.content.decode()
    assert not Profile.objects.get(user=with_phone).phone_verified


def test_codes_cannot_be_requested_in_a_burst_or_too_often(member_client, with_phone):
    start = PhoneVerification.objects.count()
    with freeze_time("2026-11-25 10:00:00"):
        ask_for_code(member_client)
        assert "Please wait a minute" in ask_for_code(member_client).content.decode()
    for minute in range(1, 6):
        with freeze_time(f"2026-11-25 10:{minute * 2:02d}:00"):
            response = ask_for_code(member_client)
    assert "too many codes today" in response.content.decode()
    assert PhoneVerification.objects.count() - start == 5
    with freeze_time("2026-11-26 10:30:00"):
        assert "We sent a code" in ask_for_code(member_client).content.decode()


def test_a_code_for_an_old_number_does_not_verify_a_new_one(
    member_client, with_phone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_code(member_client)
    code = last_code()
    Profile.objects.filter(user=with_phone).update(phone="+8613900001111")
    assert "expired" in submit(member_client, code).content.decode()
    assert not Profile.objects.get(user=with_phone).phone_verified


def test_without_a_phone_number_there_is_nothing_to_send(member_client, member):
    response = ask_for_code(member_client)
    assert "Add a phone number to your profile first." in response.content.decode()
    assert PhoneVerification.objects.count() == 0


def test_console_sender_prints_the_message(capsys, settings):
    from accounts.sms import get_sms_sender

    settings.SMS_BACKEND = "accounts.sms.ConsoleSMSSender"
    get_sms_sender().send("+8613812345678", "Your Longtang code is 123456.")
    assert "SMS to +8613812345678: Your Longtang code is 123456." in capsys.readouterr().out


def test_code_lifetime_is_ten_minutes(member_client, with_phone):
    ask_for_code(member_client)
    verification = PhoneVerification.objects.get()
    assert verification.expires_at - verification.created_at == pytest.approx(
        timedelta(minutes=10), abs=timedelta(seconds=1)
    )
