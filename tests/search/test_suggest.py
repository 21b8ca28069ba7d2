"""Suggestions for the search box (JSON), found as the visitor types."""

import pytest

from tests.factories.classifieds import ListingFactory, personal
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def suggest(client, query, language="en", address="10.0.0.1"):
    response = client.get(f"/{language}/search/suggest/", {"q": query}, REMOTE_ADDR=address)
    assert response["Content-Type"] == "application/json"
    return response


def suggested_titles(client, query, **kwargs):
    response = suggest(client, query, **kwargs)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["suggestions"]]


def test_the_beginning_of_a_word_suggests_venues_and_listings(client, restaurants):
    venue = make_venue(restaurants, "Lane Bistro")
    ListingFactory(title="Lane house near the park")
    response = suggest(client, "lane bi")
    assert [item["title"] for item in response.json()["suggestions"]] == ["Lane Bistro"]
    assert response.json()["suggestions"][0]["url"] == venue.url
    assert response.json()["suggestions"][0]["type"] == "Venues"
    assert set(suggested_titles(client, "lan")) >= {"Lane Bistro", "Lane house near the park"}


def test_chinese_and_pinyin_beginnings_suggest_chinese_names(client, restaurants):
    make_venue(restaurants, "Corner Cafe", zh="新天地咖啡")
    assert suggested_titles(client, "新天", language="zh-hans") == ["新天地咖啡"]
    assert suggested_titles(client, "xintia", language="zh-hans") == ["新天地咖啡"]
    assert suggested_titles(client, "xintia", language="en") == []


def test_hidden_things_are_never_suggested(client):
    ListingFactory(title="Lane draft", status="draft")
    personal(title="Lane walks together")
    assert suggested_titles(client, "lane") == []
    client.force_login(UserFactory())
    assert suggested_titles(client, "lane") == ["Lane walks together"]


@pytest.mark.parametrize("query", ["", "a", "%%", "x" * 1000, "<script>", "\x00", "'\\"])
def test_short_or_odd_queries_suggest_nothing_calmly(client, query):
    assert suggested_titles(client, query) == []


def test_suggestions_are_rate_limited_per_address(client):
    for _ in range(60):
        assert suggest(client, "lane", address="10.0.0.2").status_code == 200
    refused = suggest(client, "lane", address="10.0.0.2")
    assert refused.status_code == 429
    assert "Too many requests" in refused.json()["error"]
    assert suggest(client, "lane", address="10.0.0.3").status_code == 200


def test_only_get_is_allowed(client):
    assert client.post("/en/search/suggest/", {"q": "lane"}).status_code == 405


def test_the_search_page_links_the_suggestions_script_and_works_without_it(client):
    response = client.get("/en/search/", {"q": "lane"})
    body = response.content.decode()
    assert 'data-suggest-url="/en/search/suggest/"' in body
    assert "search/suggest.js" in body
    assert '<form method="get" action="/en/search/"' in body
