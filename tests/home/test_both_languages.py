"""The home page's automatic sections show members' content of both languages:
a listing posted in Chinese and an event sent in in Chinese reach the English home,
labelled "In Chinese" and marked lang="zh-Hans"."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale

from tests.factories.classifieds import ListingFactory
from tests.factories.events import events_calendar, make_event
from tests.home.test_home_curation import curated_home

pytestmark = pytest.mark.django_db


def section(soup, heading):
    return soup.find("h2", string=heading).find_parent("section")


def test_the_english_home_shows_chinese_listings_and_events_labelled(client, db):
    calendar = events_calendar()
    chinese_calendar = calendar.get_translation(Locale.objects.get(language_code="zh-hans"))
    soon = timezone.now() + timedelta(days=1)
    make_event(chinese_calendar, "屋顶爵士", soon, slug="rooftop-jazz-zh")
    ListingFactory(title="静安寺两房出租", language="zh-hans")
    ListingFactory(title="Sunny flat", language="en")
    curated_home([])
    soup = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")

    listings = section(soup, "Classifieds")
    chinese = listings.select_one('a[lang="zh-Hans"]')
    assert chinese.get_text() == "静安寺两房出租"
    assert chinese.find_next_sibling(class_="content-language").get_text() == "In Chinese"
    assert listings.select_one('a[lang="en"]').get_text() == "Sunny flat"
    assert len(listings.select(".content-language")) == 1

    week = section(soup, "This week")
    event = week.select_one('.event-card h3 a[lang="zh-Hans"]')
    assert event.get_text() == "屋顶爵士"
    assert week.select_one(".content-language").get_text() == "In Chinese"
