"""R-ACC-2, R-ACC-4: profile, avatar, preferred language, notification settings."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from PIL import Image

from accounts.models import Profile
from tests.accounts import images
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

VALID = {
    "display_name": "Mei Lin",
    "bio": "Cyclist.\nCoffee in Jing'an.",
    "nationality": "SG",
    "preferred_language": "en",
    "phone": "138 1234 5678",
    "wechat_id": "mei_lin88",
}


def save_profile(client, **changes):
    return client.post("/en/accounts/profile/", {**VALID, **changes})


def errors(response):
    return " ".join(
        e.get_text(" ") for e in BeautifulSoup(response.content, "html.parser").select(".errorlist")
    )


def test_profile_page_needs_a_login(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_member_saves_a_profile_and_the_phone_is_stored_in_e164(member_client, member):
    response = save_profile(member_client)
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Mei Lin"
    assert profile.phone == "+8613812345678"
    assert profile.wechat_id == "mei_lin88"
    assert profile.nationality.code == "SG"
    assert "Your profile is saved." in member_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "Enter a valid phone number"),
        ({"phone": "+86 138 1234 5678 9999 0000 1111 2222"}, "at most 32 characters"),
        ({"phone": "'; DROP TABLE x; --"}, "Enter a valid phone number"),
        ({"wechat_id": "1abc"}, "A WeChat ID has 6 to 20"),
        ({"wechat_id": "<script>x</script>"}, "A WeChat ID has 6 to 20"),
        ({"bio": "x" * 501}, "at most 500 characters"),
        ({"display_name": "x" * 61}, "at most 60 characters"),
        ({"display_name": "Mei\u202egnp.exe"}, "invisible control characters"),
        ({"preferred_language": "fr"}, "Select a valid choice"),
        ({"nationality": "XX"}, "Select a valid choice"),
    ],
)
def test_bad_profile_input_is_refused_with_a_clear_message_and_changes_nothing(
    member_client, member, changes, message
):
    before = Profile.objects.get(user=member)
    response = save_profile(member_client, **changes)
    assert response.status_code == 200
    assert message in errors(response)
    after = Profile.objects.get(user=member)
    assert (after.display_name, after.phone, after.bio) == (before.display_name, before.phone, before.bio)


def test_errors_are_shown_in_chinese_in_the_chinese_ui(member_client):
    response = member_client.post("/zh-hans/accounts/profile/", {**VALID, "phone": "12345"})
    assert "请输入有效的手机号码" in errors(response)


def test_changing_the_phone_number_drops_its_verification(member_client, member):
    save_profile(member_client)
    Profile.objects.filter(user=member).update(phone_verified_at=timezone.now())
    save_profile(member_client, phone="+86 139 0000 1111")
    assert Profile.objects.get(user=member).phone_verified_at is None


def test_choosing_chinese_switches_the_interface(member_client, member, settings):
    response = save_profile(member_client, preferred_language="zh-hans")
    assert response["Location"] == "/zh-hans/accounts/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert "你的资料已保存。" in member_client.get(response["Location"]).content.decode()


def test_after_logging_in_the_site_speaks_the_preferred_language(client, member, settings):
    Profile.objects.filter(user=member).update(preferred_language="zh-hans")
    response = client.post("/en/accounts/login/", {"login": "mei", "password": PASSWORD})
    assert response["Location"] == "/zh-hans/accounts/my-posts/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


class TestAvatar:
    def test_a_photo_is_stored_square_resized_and_without_exif(self, member_client, member):
        response = save_profile(member_client, avatar=images.jpeg_with_gps())
        assert response.status_code == 302
        profile = Profile.objects.get(user=member)
        assert profile.avatar.name.startswith("avatars/") and profile.avatar.name.endswith(".webp")
        assert "holiday" not in profile.avatar.name
        with profile.avatar.open("rb") as stored:
            data = stored.read()
        assert b"SpyCam" not in data and b"Exif" not in data
        with Image.open(profile.avatar.path) as image:
            assert image.size == (512, 512)
            assert image.format == "WEBP"
            assert not image.getexif()
            assert "exif" not in image.info

    @pytest.mark.parametrize(
        ("make_upload", "message"),
        [
            (images.not_an_image, "This file is not an image we can read."),
            (images.decompression_bomb, "too many pixels"),
            (images.huge_file, "photos can be at most 5"),
        ],
    )
    def test_bad_uploads_are_refused_clearly_and_keep_the_old_photo(
        self, member_client, member, make_upload, message
    ):
        save_profile(member_client, avatar=images.png())
        old_name = Profile.objects.get(user=member).avatar.name
        response = save_profile(member_client, display_name="Changed", avatar=make_upload())
        assert response.status_code == 200
        assert message in errors(response)
        profile = Profile.objects.get(user=member)
        assert profile.avatar.name == old_name
        assert profile.display_name == "Mei Lin"

    def test_replacing_a_photo_deletes_the_old_file(self, member_client, member):
        save_profile(member_client, avatar=images.png())
        first = Profile.objects.get(user=member).avatar
        first_path = first.path
        save_profile(member_client, avatar=images.jpeg_with_gps())
        second = Profile.objects.get(user=member).avatar
        assert second.name != first.name
        assert not first.storage.exists(first.name)
        assert first_path != second.path

    def test_a_photo_can_be_removed(self, member_client, member):
        save_profile(member_client, avatar=images.png())
        name = Profile.objects.get(user=member).avatar.name
        save_profile(member_client, **{"avatar-clear": "on"})
        profile = Profile.objects.get(user=member)
        assert not profile.avatar
        assert not profile.avatar.storage.exists(name)


def test_notification_settings_are_stored(member_client, member):
    from newsletters.models import NewsletterList, Subscription

    weekly = NewsletterList.objects.get(slug="this-week")
    response = member_client.post(
        "/en/accounts/notifications/", {"notify_messages": "on", "newsletters-lists": [weekly.pk]}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.notify_messages
    assert not profile.notify_listing_expiry and not profile.notify_saved_searches
    assert Subscription.objects.filter(subscriber__user=member, newsletter_list=weekly, active=True).exists()


def test_one_member_can_never_change_another_members_profile(member_client, member, other_member):
    # There is no id in the URL; a forged "user" field is ignored.
    save_profile(member_client, user=other_member.pk, display_name="Hijacked")
    assert Profile.objects.get(user=other_member).display_name == ""
    assert Profile.objects.get(user=member).display_name == "Hijacked"


def test_another_members_private_fields_never_appear_in_my_settings(member_client, other_member):
    Profile.objects.filter(user=other_member).update(phone="+8613900001111", wechat_id="tom_secret")
    for url in [
        "/en/accounts/profile/",
        "/en/accounts/my-posts/",
        "/en/accounts/phone/",
        "/en/accounts/notifications/",
    ]:
        body = member_client.get(url).content.decode()
        assert "+8613900001111" not in body and "tom_secret" not in body and other_member.email not in body


def test_profile_page_query_count_is_constant(member_client, member, django_assert_max_num_queries):
    save_profile(member_client)
    member_client.get("/en/accounts/profile/")  # site settings rows are created on first use
    # session, user, profile, two permission checks (admin bar), site chrome and settings
    with django_assert_max_num_queries(11):
        assert member_client.get("/en/accounts/profile/").status_code == 200
