"""Listings reach readers of both languages: a flat posted in Chinese is on the
English lists, labelled "In Chinese", with its text marked lang="zh-Hans"."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from tests.factories.classifieds import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flats(db):
    return {
        "zh": ListingFactory(
            title="静安寺两房出租", description="近地铁，朝南，安静的弄堂。", language="zh-hans"
        ),
        "en": ListingFactory(title="Sunny flat in Jing'an", language="en"),
    }


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def card(soup, title):
    for article in soup.select(".listing-card"):
        if article.select_one("h3 a").get_text() == title:
            return article
    raise AssertionError(f"{title} is not listed")


@pytest.mark.parametrize(
    ("prefix", "other", "label", "lang"),
    [("en", "zh", "In Chinese", "zh-Hans"), ("zh-hans", "en", "英文", "en")],
)
def test_the_list_shows_listings_of_the_other_language_labelled(client, flats, prefix, other, label, lang):
    soup = page(client.get(f"/{prefix}/classifieds/housing/"))
    listing = flats[other]
    found = card(soup, listing.title)
    assert found.select_one("h3 a")["lang"] == lang
    assert found.select_one(".content-language").get_text() == label
    own = flats["en" if other == "zh" else "zh"]
    assert card(soup, own.title).select_one(".content-language") is None  # no label in one's own language


def test_the_chinese_detail_page_on_english_is_labelled_and_marked(client, flats):
    soup = page(client.get(flats["zh"].get_absolute_url()))  # reversed under /en/
    heading = soup.select_one(".listing-detail h1")
    assert heading.select_one('[lang="zh-Hans"]').get_text() == "静安寺两房出租"
    assert heading.select_one(".content-language").get_text() == "In Chinese"
    assert soup.select_one(".listing-description")["lang"] == "zh-Hans"
    assert "安静的弄堂" in soup.select_one(".listing-description").get_text()


def test_the_english_detail_page_on_chinese_is_labelled(client, flats):
    path = flats["en"].get_absolute_url().replace("/en/", "/zh-hans/", 1)
    soup = page(client.get(path))
    assert soup.select_one(".listing-detail h1 .content-language").get_text() == "英文"
    assert soup.select_one(".listing-description")["lang"] == "en"


@pytest.mark.parametrize("prefix", ["en", "zh-hans"])
def test_the_feed_carries_listings_in_both_languages(client, flats, prefix):
    response = client.get(f"/{prefix}/classifieds/housing/feed/")
    titles = {node.text for node in ET.fromstring(response.content).iter("title")}
    assert {"静安寺两房出租", "Sunny flat in Jing'an"} <= titles
