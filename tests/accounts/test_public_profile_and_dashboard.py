"""R-ACC-3, R-ACC-5: public profiles with badges, and the "My posts" dashboard."""

import copy
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.dashboard import Section, dashboard, public_profile
from accounts.models import Profile
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_details(member):
    Profile.objects.filter(user=member).update(
        display_name="Mei <b>Lin</b>", phone="+8613812345678", wechat_id="mei_lin88", bio="Hi!\nI cycle."
    )
    return member


def test_public_profile_shows_name_badges_and_member_since(client, private_details):
    Profile.objects.filter(user=private_details).update(phone_verified_at=timezone.now())
    body = client.get("/en/members/mei/").content.decode()
    assert "Mei &lt;b&gt;Lin&lt;/b&gt;" in body  # escaped, never rendered as markup
    assert "Email verified" in body and "Phone verified" in body
    assert f"Member since {private_details.date_joined:%B %Y}" in body
    assert "Hi!<br>I cycle." in body


def test_public_profile_never_shows_contact_details_unless_chosen(client, private_details):
    body = client.get("/en/members/mei/").content.decode()
    for secret in ["+8613812345678", "mei_lin88", "mei@example.com"]:
        assert secret not in body
    profile = Profile.objects.get(user=private_details)
    profile.show_wechat = True
    profile.save()  # the cached profile page goes with it
    body = client.get("/en/members/mei/").content.decode()
    assert "mei_lin88" in body
    assert "+8613812345678" not in body and "mei@example.com" not in body


def test_unverified_members_get_no_badges(client, unverified_member):
    body = client.get("/en/members/newbie/").content.decode()
    assert "Email verified" not in body


def test_closed_and_unknown_accounts_have_no_public_profile(client, member):
    member.is_active = False
    member.save()
    assert client.get("/en/members/mei/").status_code == 404
    assert client.get("/en/members/nobody-at-all/").status_code == 404
    assert client.get("/en/members/%3Cscript%3E/").status_code == 404


def test_public_profile_in_chinese(client, member):
    body = client.get("/zh-hans/members/mei/").content.decode()
    assert "邮箱已验证" in body


def test_dashboard_needs_a_login(client):
    assert client.get("/en/accounts/my-posts/")["Location"].startswith("/en/accounts/login/")


def test_dashboard_shows_account_state_and_an_empty_state(member_client):
    body = member_client.get("/en/accounts/my-posts/").content.decode()
    assert "mei@example.com" in body and "verified" in body
    assert "Nothing here yet." in body


@pytest.fixture
def notes_section(settings):
    """A section as a later app registers it: the member's own rows, one query."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates

    def get_items(user):
        return user.emailaddress_set.filter(verified=True).order_by("email")

    section = Section(
        key="test-notes",
        title=_("Confirmed addresses"),
        template="accounts/tests/address_items.html",
        get_items=get_items,
        empty_text=_("None"),
    )
    dashboard.register(section)
    public_profile.register(section)
    yield section
    dashboard.unregister(section.key)
    public_profile.unregister(section.key)


def test_sections_registered_by_apps_appear_with_only_the_members_items(
    member_client, member, other_member, notes_section
):
    body = member_client.get("/en/accounts/my-posts/").content.decode()
    assert "Confirmed addresses" in body
    assert "mei@example.com" in body
    assert "tom@example.com" not in body
    assert "Nothing here yet." not in body


def test_sections_cannot_be_registered_twice(notes_section):
    with pytest.raises(ValueError):
        dashboard.register(notes_section)


@pytest.mark.parametrize("extra_items", [1, 30])
def test_dashboard_query_count_is_constant(
    member_client, member, notes_section, extra_items, django_assert_max_num_queries
):
    from allauth.account.models import EmailAddress

    for n in range(extra_items):
        EmailAddress.objects.create(user=member, email=f"mei{n}@example.com", verified=True)
    member_client.get("/en/accounts/my-posts/")  # site settings rows are created on first use
    with django_assert_max_num_queries(20):  # a query or two per registered section, never per item
        response = member_client.get("/en/accounts/my-posts/")
    assert response.content.decode().count("@example.com") > extra_items


@pytest.mark.parametrize("posts", [1, 30])
def test_public_profile_query_count_is_constant(
    client, member, notes_section, posts, django_assert_max_num_queries
):
    from allauth.account.models import EmailAddress

    for n in range(posts):
        EmailAddress.objects.create(user=member, email=f"mei{n}@example.com", verified=True)
    UserFactory.create_batch(3)
    client.get("/en/members/mei/")
    with django_assert_max_num_queries(9):
        assert client.get("/en/members/mei/").status_code == 200
