"""R-CMS-5: privacy policy, terms and cookie policy, with a visible "last updated"
date, a public history of every published version, in both languages, and a "what
we collect" table generated from the personal-data registry."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps
from freezegun import freeze_time
from wagtail.models import Page, Revision
from wagtail.test.utils import WagtailPageTestCase

from core.models import SiteChrome
from core.personal_data import Field, registry
from home.models import HomePage, StandardPage
from privacy_pages import demo
from privacy_pages.models import PolicyPage
from tests.factories.pages import english_home

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_policy(title="Privacy policy", slug="privacy-policy", introduction="First version.", body=None):
    page = english_home().add_child(
        instance=PolicyPage(
            title=title,
            slug=slug,
            introduction=introduction,
            body=body if body is not None else [("heading", "What we collect"), ("personal_data_table", {})],
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class TestPageRules(WagtailPageTestCase):
    def test_policy_pages_live_under_the_home_page_and_have_no_children(self):
        self.assertAllowedParentPageTypes(PolicyPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyPage, set())
        self.assertCanCreateAt(HomePage, PolicyPage)
        self.assertCanNotCreateAt(StandardPage, PolicyPage)


@pytest.fixture
def policies(demo_site):
    return demo.build()


def test_demo_builds_three_policies_in_both_languages_linked_from_the_footer(client, policies):
    for language, titles in [
        ("en", ["Privacy policy", "Terms of use", "Cookie policy"]),
        ("zh-hans", ["隐私政策", "使用条款", "Cookie 政策"]),
    ]:
        footer = soup(client.get(f"/{language}/")).select_one("footer")
        links = [a.get_text(strip=True) for a in footer.select("a")]
        for title in titles:
            assert title in links
    assert PolicyPage.objects.filter(locale__language_code="zh-hans", live=True).count() == 3
    assert soup(client.get("/zh-hans/privacy-policy/")).h1.get_text() == "隐私政策"
    assert "我们是谁" in client.get("/zh-hans/privacy-policy/").content.decode()


def test_the_demo_can_run_twice(policies):
    demo.build()
    assert PolicyPage.objects.count() == 6
    chrome = SiteChrome.load()
    assert len(list(chrome.footer_links)) == 4  # about + three policies, no duplicates


def test_the_demo_policies_are_longtangs_own_text(policies):
    titles = set(
        Page.objects.live().filter(pk__in=[p.pk for p in policies.values()]).values_list("title", flat=True)
    )
    body = " ".join(str(p.specific.body) for p in policies.values())
    assert {"Privacy policy", "Terms of use", "Cookie policy"} <= titles
    assert "Longtang" in body


@freeze_time("2026-03-01 17:30:00")  # 2 March in Shanghai
def test_last_updated_is_shown_in_shanghai_time(client, home_page):
    make_policy()
    page = soup(client.get("/en/privacy-policy/"))
    updated = page.select_one(".policy-updated")
    assert "Last updated:" in updated.get_text()
    assert updated.time.get_text() == "March 2, 2026"
    assert updated.time["datetime"].startswith("2026-03-02T01:30:00+08:00")


def test_every_published_version_is_kept_and_viewable(client, home_page):
    with freeze_time("2026-01-10 02:00:00"):
        page = make_policy(introduction="We answer letters within 17 days.")
    first = page.live_revision_id
    with freeze_time("2026-05-20 02:00:00"):
        page.introduction = "We answer letters within 11 days."
        page.save_revision().publish()
    page.save_revision()  # a draft, never published
    page.refresh_from_db()

    current = client.get("/en/privacy-policy/").content.decode()
    assert "11 days" in current and "17 days" not in current

    history = soup(client.get("/en/privacy-policy/history/"))
    entries = history.select("ol li a")
    assert [a.get_text() for a in entries] == [
        "Published on May 20, 2026, 10 a.m.",
        "Published on Jan. 10, 2026, 10 a.m.",
    ]
    old = soup(client.get(entries[1]["href"]))
    assert entries[1]["href"] == "/en/privacy-policy/history/2026-01-10/"
    assert "17 days" in old.get_text()
    assert "You are reading the version published on Jan. 10, 2026." in old.get_text()
    assert old.select_one(".policy-updated time").get_text() == "Jan. 10, 2026"
    assert old.find("a", string="Read the current version")["href"] == "/en/privacy-policy/"
    # Links from before versions were named by date (revision numbers) still work.
    moved = client.get(f"/en/privacy-policy/history/{first}/")
    assert moved.status_code == 301
    assert moved["Location"] == "/en/privacy-policy/history/2026-01-10/"


def test_versions_published_the_same_day_each_have_their_own_address(client, home_page):
    with freeze_time("2026-03-01 01:00:00"):
        page = make_policy(introduction="Morning wording.")
    with freeze_time("2026-03-01 09:00:00"):
        page.introduction = "Afternoon wording."
        page.save_revision().publish()
    links = [a["href"] for a in soup(client.get("/en/privacy-policy/history/")).select("ol li a")]
    assert links == ["/en/privacy-policy/history/2026-03-01-2/", "/en/privacy-policy/history/2026-03-01/"]
    assert "Morning wording." in soup(client.get(links[1])).get_text()
    assert "Afternoon wording." in soup(client.get(links[0])).get_text()


def test_drafts_and_other_pages_revisions_are_not_public(client, home_page):
    page = make_policy()
    draft = page.save_revision()
    other = make_policy(title="Terms of use", slug="terms", introduction="Terms.")
    assert client.get(f"/en/privacy-policy/history/{draft.pk}/").status_code == 404
    assert client.get(f"/en/privacy-policy/history/{other.live_revision_id}/").status_code == 404
    assert client.get("/en/privacy-policy/history/999999/").status_code == 404
    assert client.get("/en/privacy-policy/history/abc/").status_code == 404
    assert client.get("/en/privacy-policy/history/-1/").status_code == 404
    assert client.get("/en/privacy-policy/history/1999-01-01/").status_code == 404


def test_unpublished_revision_content_never_leaks_into_history(client, home_page):
    page = make_policy(introduction="Public text.")
    page.introduction = "Secret draft wording."
    page.save_revision()
    html = client.get("/en/privacy-policy/history/").content.decode()
    for href in re.findall(r'href="(/en/privacy-policy/history/[\d-]+/)"', html):
        assert "Secret draft wording." not in client.get(href).content.decode()


def test_the_what_we_collect_table_is_generated_from_the_registry(client, home_page):
    make_policy()
    table = soup(client.get("/en/privacy-policy/")).select_one(".personal-data-table")
    text = table.get_text(" ")
    assert "Device and usage logs" in text
    assert "Request log entries" in text
    assert "network (truncated IP address)" in text
    assert "Deleted 90 days after the visit" in text
    # Staff-only data (the admin's own preferences) is left out of the public table.
    assert "The admin's colour theme for editors" not in text
    # Members start reviews too (events they send in): that is listed.
    assert "such as an event you sent in" in text
    declared_members = {
        d.model._meta.verbose_name_plural for d in registry.declarations() if not d.is_staff_only
    }
    for name in declared_members:
        assert str(name)[:1].upper() + str(name)[1:] in text


@isolate_apps("tests")
def test_a_new_declaration_appears_on_the_current_policy_but_not_on_old_versions(client, home_page):
    class Pet(models.Model):  # noqa: DJ008 - a throwaway model
        owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        pet_name = models.CharField("pet's name", max_length=40)

        class Meta:
            app_label = "tests"
            verbose_name_plural = "pet records"

    page = make_policy()
    with registry.isolated():
        registry.declare(Pet, owner="owner", fields=[Field("pet_name", "identity", "Greeting your pet")])
        current = client.get("/en/privacy-policy/").content.decode()
        assert "Pet records" in current and "pet&#x27;s name" in current
        old = client.get(f"/en/privacy-policy/history/{page.live_revision_id}/", follow=True)
        assert old.status_code == 200
        old = old.content.decode()
        assert "Pet records" not in old


def test_the_published_snapshot_is_stored_with_each_revision(home_page):
    page = make_policy()
    revision = Revision.objects.get(pk=page.live_revision_id)
    snapshot = revision.content["registry_snapshot"]
    assert any(row["model"] == "request log entries" for row in snapshot)


def test_the_registry_table_is_translated_on_the_chinese_page(client, policies):
    text = soup(client.get("/zh-hans/privacy-policy/")).select_one(".personal-data-table").get_text(" ")
    assert "设备与使用日志" in text or "设备和使用日志" in text
    assert "我们保存什么" in text


def test_the_cookie_policy_lists_each_group_and_links_to_the_settings(client, policies):
    page = soup(client.get("/en/cookie-policy/"))
    section = page.select_one(".cookie-list")
    assert [h.get_text() for h in section.select("h3")] == [
        "Strictly necessary",
        "Preferences",
        "Analytics",
        "Advertising",
    ]
    assert section.find("a", string="Change your cookie settings")["href"] == "/en/privacy/cookies/"
    assert "Last updated:" in page.get_text()
