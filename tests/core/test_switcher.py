"""The language switcher and the hreflang links keep the exact view: the same calendar
day or month, the same policy version, the same topic or tag, the same filters. A view
the other language cannot show never leads to a missing page."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

from core.translation import translate
from privacy_pages.models import PolicyPage
from tests.factories import articles as guide_factories
from tests.factories.classifieds import ListingFactory
from tests.factories.directory import make_venue
from tests.factories.events import events_calendar, make_event, sh
from tests.factories.pages import english_home

pytestmark = pytest.mark.django_db

OTHER = {"en": "zh-hans", "zh-hans": "en"}


def parse(response):
    assert response.status_code == 200, (response.status_code, response.request["PATH_INFO"])
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher_link(soup, code):
    return soup.select_one(f'nav.language-switcher a[hreflang="{code}"]')["href"]


def hreflang_links(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.select('link[rel="alternate"][hreflang]')
        if link["hreflang"] != "x-default"
    }


def local(url):
    """An absolute hreflang URL as a path (and query) the test client can get."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def assert_same_view(client, url, expected):
    """Switching from ``url`` lands on ``expected`` (200), whose switcher leads back to
    ``url``; every hreflang link of ``url`` opens (200) the same view without filters,
    as the canonical URL has none."""
    code = url.split("/")[1]
    soup = parse(client.get(url))
    switched = switcher_link(soup, OTHER[code])
    assert switched == expected
    assert switcher_link(parse(client.get(switched)), code) == url
    links = hreflang_links(soup)
    assert set(links) == {"en", "zh-hans"}
    assert local(links[code]) == url.split("?")[0]
    assert local(links[OTHER[code]]) == expected.split("?")[0]
    for link in links.values():
        assert client.get(local(link)).status_code == 200
    return soup


# --- Events calendar -----------------------------------------------------------


@pytest.fixture
def calendar(db):
    calendar = events_calendar()
    make_event(calendar, "Jazz Night", sh(2026, 12, 5, 20, 0), zh="爵士之夜", category="music")
    return calendar


@pytest.mark.parametrize(
    "suffix",
    ["", "today/", "weekend/", "date/2026-12-05/", "month/", "month/2026-12/"],
)
@pytest.mark.parametrize("query", ["", "?category=music"])
def test_calendar_views_switch_to_the_same_view(client, calendar, suffix, query):
    english = f"/en/events/{suffix}{query}"
    chinese = f"/zh-hans/events/{suffix}{query}"
    assert_same_view(client, english, chinese)
    assert_same_view(client, chinese, english)


def test_the_chinese_day_view_shows_the_same_day_and_events(client, calendar):
    soup = parse(client.get("/en/events/date/2026-12-05/?category=music"))
    chinese = parse(client.get(switcher_link(soup, "zh-hans")))
    assert "爵士之夜" in chinese.get_text()
    assert "12月5日" in chinese.h1.get_text()


# --- Policy history and versions ---------------------------------------------


@pytest.fixture
def policy(db):
    """A privacy policy published in both languages on 10 January; English alone
    published a new version on 20 May."""
    home = english_home()
    translate(home, "zh-hans", {"Longtang": "弄堂"})
    strings = {"Privacy policy": "隐私政策", "We answer within 17 days.": "我们在17天内回复。"}
    with freeze_time("2026-01-10 02:00:00"):
        page = home.add_child(
            instance=PolicyPage(
                title="Privacy policy", slug="privacy-policy", introduction="We answer within 17 days."
            )
        )
        page.save_revision().publish()
        page.refresh_from_db()
        translate(page, "zh-hans", strings)
    with freeze_time("2026-05-20 02:00:00"):
        page.introduction = "We answer within 11 days."
        page.save_revision().publish()
    return page


def test_the_policy_history_switches_to_the_other_history(client, policy):
    assert_same_view(client, "/en/privacy-policy/history/", "/zh-hans/privacy-policy/history/")
    assert_same_view(client, "/zh-hans/privacy-policy/history/", "/en/privacy-policy/history/")


def test_a_version_in_both_languages_switches_to_the_same_version(client, policy):
    chinese = assert_same_view(
        client, "/en/privacy-policy/history/2026-01-10/", "/zh-hans/privacy-policy/history/2026-01-10/"
    )
    assert_same_view(
        client, "/zh-hans/privacy-policy/history/2026-01-10/", "/en/privacy-policy/history/2026-01-10/"
    )
    assert "17 days" in chinese.get_text()
    assert "我们在17天内回复。" in parse(client.get("/zh-hans/privacy-policy/history/2026-01-10/")).get_text()


def test_a_version_the_other_language_lacks_switches_to_its_history(client, policy):
    soup = parse(client.get("/en/privacy-policy/history/2026-05-20/"))
    assert "11 days" in soup.get_text()
    switched = switcher_link(soup, "zh-hans")
    assert switched == "/zh-hans/privacy-policy/history/"
    assert client.get(switched).status_code == 200
    assert hreflang_links(soup) == {}  # no equivalent page to announce
    assert client.get("/zh-hans/privacy-policy/history/2026-05-20/").status_code == 404


def test_an_old_revision_number_address_moves_to_the_dated_one(client, policy):
    chinese = PolicyPage.objects.get(locale__language_code="zh-hans")
    response = client.get(f"/zh-hans/privacy-policy/history/{chinese.live_revision_id}/")
    assert response.status_code == 301
    assert response["Location"] == "/zh-hans/privacy-policy/history/2026-01-10/"


# --- City guide topics and tags ----------------------------------------------


@pytest.fixture
def guide(db):
    guide = guide_factories.guide()
    food = guide_factories.topic()
    guide_factories.make_article(guide, "Noodles", topic=food, tags=["noodles"], zh="面条")
    return guide


@pytest.mark.parametrize("suffix", ["topic/food-drink/", "tag/noodles/"])
@pytest.mark.parametrize("query", ["", "?page=1"])
def test_guide_topics_and_tags_switch_to_the_same_view(client, guide, suffix, query):
    assert_same_view(client, f"/en/guide/{suffix}{query}", f"/zh-hans/guide/{suffix}{query}")
    assert_same_view(client, f"/zh-hans/guide/{suffix}{query}", f"/en/guide/{suffix}{query}")


# --- Filtered lists ------------------------------------------------------------


def test_a_filtered_directory_category_keeps_its_filters(client, restaurants):
    make_venue(restaurants, "Lane Noodles", price=2, zh="弄堂面馆")
    query = "?district=jingan&price=2&sort=rating"
    soup = assert_same_view(
        client, f"/en/directory/restaurants/{query}", f"/zh-hans/directory/restaurants/{query}"
    )
    assert "Lane Noodles" in soup.get_text()
    assert "弄堂面馆" in parse(client.get(f"/zh-hans/directory/restaurants/{query}")).get_text()


@pytest.mark.parametrize(
    "url",
    ["/en/classifieds/housing/?bedrooms=2&price_max=10000", "/en/search/?q=flat&type=classifieds"],
)
def test_filtered_lists_keep_their_query_in_the_other_language(client, url, db):
    ListingFactory()
    soup = parse(client.get(url))
    switched = switcher_link(soup, "zh-hans")
    assert switched == url.replace("/en/", "/zh-hans/", 1)
    assert switcher_link(parse(client.get(switched)), "en") == url
    for link in hreflang_links(soup).values():
        assert client.get(local(link)).status_code == 200
