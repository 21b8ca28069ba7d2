"""The search page: tabs with counts, filters, snippets, pagination, hostile input."""

import pytest
from bs4 import BeautifulSoup

from tests.factories.classifieds import ListingFactory, job
from tests.factories.directory import make_venue
from tests.factories.events import events_calendar, make_event, sh

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(response):
    return [a.get_text() for a in soup_of(response).select(".search-results h2 a")]


def tab_counts(response):
    return {
        a["href"].split("type=")[1].split("&")[0]: a.select_one(".count").get_text()
        for a in soup_of(response).select("nav.result-types a")
    }


@pytest.fixture
def city(restaurants):
    make_venue(restaurants, "Lane Bistro", district="jingan")
    make_event(events_calendar(), "Jazz in the lane", sh(2026, 12, 5, 20, 0), district="jingan")
    ListingFactory(title="Lane house two bedrooms", description="Old lane house in Jing'an.")
    return restaurants


def test_one_search_covers_venues_events_pages_and_listings(client, city):
    response = client.get("/en/search/", {"q": "lane"})
    assert tab_counts(response) == {
        "venues": "(1)",
        "events": "(1)",
        "pages": "(0)",
        "listings": "(1)",
        "reviews": "(0)",
    }
    # The first type with results is shown.
    assert titles(response) == ["Lane Bistro"]
    events = soup_of(client.get("/en/search/", {"q": "lane", "type": "events"}))
    assert [a.get_text() for a in events.select(".search-results h2 a")] == ["Jazz in the lane"]
    assert "Dec. 5, 2026 · People's Park" in events.select_one(".search-results .meta").get_text()
    assert titles(client.get("/en/search/", {"q": "lane", "type": "listings"})) == ["Lane house two bedrooms"]


def test_tabs_keep_the_query_and_filters(client, city):
    soup = soup_of(client.get("/en/search/", {"q": "lane", "district": "jingan", "page": "1"}))
    href = soup.select_one('nav.result-types a[href*="type=events"]')["href"]
    assert "q=lane" in href and "district=jingan" in href and "page=" not in href
    assert soup.select_one('form.search-form input[name="district"]')["value"] == "jingan"


def test_the_district_filter_carries_over(client, city):
    ListingFactory(title="Lane flat in Xuhui", district_id=None)
    from core.models import District

    ListingFactory(title="Lane loft", district=District.objects.get(code="xuhui"))
    response = client.get("/en/search/", {"q": "lane", "type": "listings", "district": "xuhui"})
    assert titles(response) == ["Lane loft"]
    assert "Remove this filter" in response.content.decode()
    assert client.get("/en/search/", {"q": "lane", "type": "venues", "district": "xuhui"}).status_code == 200
    assert titles(client.get("/en/search/", {"q": "lane", "type": "venues", "district": "xuhui"})) == []


def test_the_kind_filter_narrows_classifieds(client, city):
    job(title="Lane Coffee barista")
    assert titles(client.get("/en/search/", {"q": "lane", "type": "listings", "kind": "jobs"})) == [
        "Lane Coffee barista"
    ]


@pytest.mark.parametrize("district", ["<script>", "nowhere", "x" * 500, "../../etc"])
def test_unknown_filters_are_ignored(client, city, district):
    response = client.get(
        "/en/search/", {"q": "lane", "type": "listings", "district": district, "kind": "<b>"}
    )
    assert titles(response) == ["Lane house two bedrooms"]


def test_snippets_mark_the_words_and_escape_the_text(client):
    ListingFactory(
        title="<b>Riverside</b> loft",
        description="Lots of text before. " * 20
        + "A <script>alert(1)</script> riverside apartment with a view.",
    )
    response = client.get("/en/search/", {"q": "riverside apartments", "type": "listings"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
    soup = soup_of(response)
    assert soup.select_one(".search-results h2 a").get_text() == "<b>Riverside</b> loft"
    marks = [m.get_text() for m in soup.select(".search-results .snippet mark")]
    assert "riverside" in marks and "apartment" in marks
    assert soup.select_one(".search-results .snippet").get_text().startswith("…")


def test_chinese_snippets_mark_the_chinese_words(client):
    ListingFactory(title="两房出租", description="浦东新区两房，采光好。")
    soup = soup_of(client.get("/en/search/", {"q": "采光", "type": "listings"}))
    assert [m.get_text() for m in soup.select(".snippet mark")] == ["采光"]


def test_listings_paginate(client):
    for n in range(13):
        ListingFactory(title=f"Sunny studio {n}")
    first = client.get("/en/search/", {"q": "studio", "type": "listings"})
    assert len(titles(first)) == 10
    assert "Page 1 of 2" in first.content.decode()
    next_link = soup_of(first).select_one('nav.pagination a[rel="next"]')["href"]
    assert "q=studio" in next_link and "type=listings" in next_link
    assert len(titles(client.get("/en/search/" + next_link))) == 3


def test_the_number_of_queries_does_not_grow_with_results(client, city, django_assert_max_num_queries):
    for n in range(15):
        ListingFactory(title=f"Lane studio {n}")
    client.get("/en/search/", {"q": "lane", "type": "listings"})  # warm caches (site root paths)
    with django_assert_max_num_queries(13):
        response = client.get("/en/search/", {"q": "lane", "type": "listings"})
    assert len(titles(response)) == 10
    with django_assert_max_num_queries(14):
        assert titles(client.get("/en/search/", {"q": "lane"})) == ["Lane Bistro"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 1000,
        "静" * 1000,
        "静安 " * 400,
        "%%%&&&***",
        "，。！？、",
        "!!! ??? ...",
        "'\"\\",
        "a:* & !b | (c)",
        "\x00\x01静安",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "🏠🏠🏠",
    ],
)
@pytest.mark.parametrize("result_type", ["venues", "events", "pages", "listings", "reviews", "bogus"])
def test_hostile_queries_give_a_calm_page(client, city, query, result_type):
    response = client.get("/en/search/", {"q": query, "type": result_type, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_symbol_only_queries_show_nothing_matched(client, city):
    body = client.get("/en/search/", {"q": "%%%&&&***"}).content.decode()
    assert "Nothing matched" in body


def test_the_page_works_in_chinese(client, city):
    body = client.get("/zh-hans/search/", {"q": "静安"}).content.decode()
    assert "搜索" in body


def test_broad_queries_are_counted_up_to_a_limit(client, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "COUNT_LIMIT", 3)
    for n in range(5):
        ListingFactory(title=f"Sunny studio {n}")
    response = client.get("/en/search/", {"q": "studio", "type": "listings"})
    assert tab_counts(response)["listings"] == "(3+)"
    assert "More than 3 results" in response.content.decode()
    assert len(titles(response)) == 3
    assert (
        tab_counts(client.get("/en/search/", {"q": "sunny studio 4", "type": "listings"}))["listings"]
        == "(1)"
    )


def test_broad_classifieds_searches_list_the_newest_first(client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the same search is rendered again under another limit
    from datetime import timedelta

    from django.utils import timezone

    from search import views

    now = timezone.now()
    ListingFactory(title="Studio studio studio", bumped_at=now - timedelta(days=3))
    ListingFactory(title="Quiet studio", bumped_at=now - timedelta(days=1))
    ListingFactory(title="Garden studio", bumped_at=now - timedelta(days=2))
    response = client.get("/en/search/", {"q": "studio", "type": "listings"})
    assert titles(response)[0] == "Studio studio studio"  # most relevant first
    monkeypatch.setattr(views, "COUNT_LIMIT", 2)
    response = client.get("/en/search/", {"q": "studio", "type": "listings"})
    assert titles(response) == ["Quiet studio", "Garden studio"]


def test_reviews_of_unpublished_venues_are_not_found(client, restaurants):
    from directory.models import Review
    from tests.factories.users import UserFactory

    shown = make_venue(restaurants, "Lane Bistro")
    hidden = make_venue(restaurants, "Closed Canteen")
    author = UserFactory()
    Review.objects.create(venue=shown, author=author, rating=5, text="Crispy dumplings", status="published")
    Review.objects.create(venue=hidden, author=author, rating=4, text="Crispy noodles", status="published")
    hidden.unpublish()
    response = client.get("/en/search/", {"q": "crispy", "type": "reviews"})
    assert tab_counts(response)["reviews"] == "(1)"
    page = response.content.decode()
    assert "dumplings" in page and "noodles" not in page
