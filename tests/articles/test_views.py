"""The guide's index, topic and tag views, paginated, and its RSS feeds."""

from datetime import date, timedelta

import pytest
from defusedxml import ElementTree as ET

from articles.models import ARTICLES_PER_PAGE
from tests.factories.articles import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(guide, food, nightlife):
    for n in range(ARTICLES_PER_PAGE + 2):
        make_article(guide, f"Food {n}", topic=food, tags=["eat"], day=date(2026, 1, 1) + timedelta(days=n))
    make_article(guide, "Bar Crawl", topic=nightlife, tags=["drink"], zh="酒吧巡游", day=date(2025, 1, 1))
    make_article(guide, "Hidden Draft", topic=food, tags=["eat"], live=False)


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_the_index_is_paginated_newest_first(client, many):
    first = client.get("/en/guide/")
    assert first.status_code == 200
    assert len(titles(first)) == ARTICLES_PER_PAGE
    assert titles(first)[0] == f"Food {ARTICLES_PER_PAGE + 1}"
    second = client.get("/en/guide/?page=2")
    assert len(titles(second)) == 3
    assert "Hidden Draft" not in titles(first) + titles(second)


def test_the_topic_view_lists_only_that_topic(client, many):
    response = client.get("/en/guide/topic/nightlife/")
    assert response.status_code == 200
    assert titles(response) == ["Bar Crawl"]
    assert "<h1>Nightlife</h1>" in response.content.decode()
    food = client.get("/en/guide/topic/food-drink/?page=2")
    assert len(titles(food)) == 2


def test_the_chinese_topic_view_shows_chinese_articles(client, many):
    response = client.get("/zh-hans/guide/topic/nightlife/")
    assert response.status_code == 200
    assert titles(response) == ["酒吧巡游"]
    assert "<h1>夜生活</h1>" in response.content.decode()


def test_the_tag_view_lists_tagged_articles(client, many):
    response = client.get("/en/guide/tag/drink/")
    assert titles(response) == ["Bar Crawl"]
    assert len(titles(client.get("/en/guide/tag/eat/"))) == ARTICLES_PER_PAGE


@pytest.mark.parametrize(
    "url",
    [
        "/en/guide/topic/no-such-topic/",
        "/en/guide/tag/no-such-tag/",
        "/en/guide/tag/%3Cscript%3E/",
        "/en/guide/topic/" + "a" * 500 + "/",
        "/en/guide/tag/'%20OR%201=1--/",
        "/en/guide/nope/",
    ],
)
def test_unknown_topics_and_tags_are_not_found(client, many, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("number", ["999999", "-1", "abc", "1e9", "9" * 50, "%00"])
def test_odd_page_numbers_show_a_calm_page(client, many, number):
    response = client.get(f"/en/guide/topic/food-drink/?page={number}")
    assert response.status_code == 200
    assert titles(response)


def test_the_index_keeps_constant_queries(client, guide, food, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(guide, "One", topic=food, tags=["a"])
    with CaptureQueriesContext(connection) as few:
        client.get("/en/guide/")
    for n in range(6):
        make_article(guide, f"More {n}", topic=food, tags=["a"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/guide/")


def test_each_language_has_its_own_feed(client, many):
    english = client.get("/en/guide/feed/")
    assert english.status_code == 200
    assert english["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(english.content).find("channel")
    assert channel.findtext("language") == "en"
    items = [item.findtext("title") for item in channel.findall("item")]
    assert "Bar Crawl" in items and "Hidden Draft" not in items
    assert channel.find("item").findtext("link").startswith("http://testserver/en/guide/")
    assert channel.find("item").findtext("pubDate").endswith("+0800")

    chinese = ET.fromstring(client.get("/zh-hans/guide/feed/").content).find("channel")
    assert chinese.findtext("language") == "zh-hans"
    assert [item.findtext("title") for item in chinese.findall("item")] == ["酒吧巡游"]
    assert "/zh-hans/guide/feed/" in client.get("/en/guide/").content.decode().replace("/en/", "/zh-hans/")
