"""Members find their messages from every page and can write to a member from
that member's public profile."""

import pytest

from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


def test_the_header_links_to_the_inbox_for_members_only(client):
    assert "/en/messages/" not in client.get("/en/").content.decode()
    client.force_login(verified_user(username="mei"))
    assert 'href="/en/messages/"' in client.get("/en/").content.decode()
    assert 'href="/zh-hans/messages/"' in client.get("/zh-hans/").content.decode()


def test_a_public_profile_offers_a_message_to_other_members(client):
    tom = verified_user(username="tom")
    profile_url = "/en/members/tom/"
    assert "/en/messages/to/tom/" not in client.get(profile_url).content.decode()  # visitors: log in first
    client.force_login(verified_user(username="mei"))
    assert 'href="/en/messages/to/tom/"' in client.get(profile_url).content.decode()
    client.force_login(tom)
    assert "/en/messages/to/tom/" not in client.get(profile_url).content.decode()  # not to oneself
