"""Site search over pages, in the visitor's language."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def result_titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".search-results h2 a")]


def test_finds_a_page_in_english(client, demo_site):
    response = client.get("/en/search/", {"q": "lane"})
    assert response.status_code == 200
    assert result_titles(response) == ["About"]


def test_chinese_search_finds_only_chinese_pages(client, demo_site):
    response = client.get("/zh-hans/search/", {"q": "关于我们"})
    assert result_titles(response) == ["关于我们"]
    assert "About" not in result_titles(client.get("/zh-hans/search/", {"q": "About"}))


def test_unpublished_pages_are_not_found(client, demo_site):
    page = demo_site["home"].add_child(instance=StandardPage(title="Secret draft", slug="secret", live=False))
    assert page.live is False
    assert result_titles(client.get("/en/search/", {"q": "Secret draft"})) == []


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 1000, "%%%&&&***", "<script>alert(1)</script>", "' OR 1=1 --"]
)
def test_odd_queries_give_a_calm_page(client, demo_site, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_empty_query_shows_a_hint_not_results(client, demo_site):
    body = client.get("/en/search/").content.decode()
    assert "Type a few words" in body


def test_no_results_shows_an_empty_state(client, demo_site):
    body = client.get("/en/search/", {"q": "zebra crossing unicorn"}).content.decode()
    assert "Nothing matched" in body


def test_results_paginate_and_bad_page_numbers_are_harmless(client, demo_site):
    for n in range(12):
        demo_site["home"].add_child(instance=StandardPage(title=f"Ferry timetable {n}", slug=f"ferry-{n}"))
    first = client.get("/en/search/", {"q": "ferry"})
    assert len(result_titles(first)) == 10
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/en/search/", {"q": "ferry", "page": 2})
    assert len(result_titles(second)) == 2
    for bad in ["abc", "-1", "999"]:
        assert client.get("/en/search/", {"q": "ferry", "page": bad}).status_code == 200


def test_language_switch_on_search_keeps_the_query(client, demo_site):
    soup = BeautifulSoup(client.get("/en/search/", {"q": "about"}).content.decode(), "html.parser")
    link = soup.select_one('nav.language-switcher a[hreflang="zh-hans"]')
    assert link["href"] == "/zh-hans/search/?q=about"


def listing_titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".search-results h2 a")]


def test_published_listings_are_found_and_hidden_ones_are_not(client, db):
    from classifieds.models import Status
    from tests.factories.classifieds import ListingFactory, personal

    ListingFactory(title="Riverside studio")
    ListingFactory(title="Riverside draft studio", status=Status.DRAFT)
    ListingFactory(title="Riverside pending studio", status=Status.PENDING)
    personal(title="Riverside walks together")
    response = client.get("/en/search/", {"q": "riverside", "type": "listings"})
    assert listing_titles(response) == ["Riverside studio"]


def test_signed_in_members_also_find_personals(client, db):
    from tests.factories.classifieds import personal
    from tests.factories.users import UserFactory

    personal(title="Riverside walks together")
    client.force_login(UserFactory())
    assert listing_titles(client.get("/en/search/", {"q": "riverside", "type": "listings"})) == [
        "Riverside walks together"
    ]


def test_unknown_result_type_falls_back_to_pages(client, demo_site):
    assert client.get("/en/search/", {"q": "lane", "type": "<script>"}).status_code == 200


def test_the_hint_promises_pinyin_only_when_the_backend_understands_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the same page is rendered again under another backend

    def hint():
        page = BeautifulSoup(client.get("/en/search/").content.decode(), "html.parser")
        return page.select_one("#search-hint").get_text()

    assert "xin tian di" in hint()
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database.fallback"}}
    assert "pinyin" not in hint() and "whole words" in hint()
