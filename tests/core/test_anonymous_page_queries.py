"""Anonymous pages outside the page cache: a pinned number of queries once the
per-process caches are warm (site, locales, settings, renditions made), the same
for 2 items as for 12, in both languages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticlePage
from directory.demo import demo_image
from directory.models import VenueRating
from tests.factories import articles as article_factories
from tests.factories.articles import make_article
from tests.factories.classifieds import ListingFactory, item, job
from tests.factories.directory import make_venue
from tests.factories.events import events_calendar, make_event
from tests.home.test_home_curation import curated_home

pytestmark = pytest.mark.django_db

# The page's own queries on top of routing (home page, path, served page) and the
# chrome (translations, menu and footer pages in one query).
EXPECTED = {
    "home": 10,  # + chosen articles, 5 sections, event venues, renditions of every card
    "article": 8,  # + authors, tags, related articles, their renditions
    "category": 11,  # + count, venues, hours, renditions, district, line and tag choices
    "events": 9,  # + count, occurrences, renditions, venues, district choices
    "venue": 10,  # + rating and owner, hours, tags, gallery, events, reviews
}
# In Chinese, Wagtail first reads the Chinese home page (a translation of the site's
# root page): one query more. The Chinese home page here has no sections.
EXPECTED_ZH = {"home": 3, "article": 9, "category": 11, "events": 10, "venue": 11}


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the path a page cache miss takes


class Site:
    def __init__(self, restaurants):
        self.guide = article_factories.guide()
        self.topic = article_factories.topic()
        self.calendar = events_calendar()
        self.restaurants = restaurants
        self.image = demo_image("Card", 1)
        self.n = 0
        self.first_article = self.first_venue = None

    def add(self, rounds):
        soon = timezone.now() + timedelta(days=1)
        for _ in range(rounds):
            self.n += 1
            n = self.n
            article = make_article(
                self.guide,
                f"Story {n}",
                topic=self.topic,
                tags=["x", f"t{n}"],
                hero_image=self.image,
                zh=f"故事{n}",
            )
            venue = make_venue(self.restaurants, f"Cafe {n}", zh=f"咖啡{n}", tags=["cosy"])
            venue.cover_image = self.image
            venue.save_revision().publish()
            VenueRating.objects.create(translation_key=venue.translation_key, average=Decimal("4.5"), count=n)
            make_event(
                self.calendar,
                f"Gig {n}",
                soon + timedelta(hours=n),
                image=self.image,
                venue=venue,
                zh=f"演出{n}",
            )
            ListingFactory(title=f"Flat {n}")
            job(title=f"Job {n}")
            item(title=f"Bike {n}")
            self.first_article = self.first_article or article
            self.first_venue = self.first_venue or venue
        curated_home(list(ArticlePage.objects.filter(locale__language_code="en"))[:6])

    def urls(self, language):
        prefix = f"/{language}/"
        return {
            "home": prefix,
            "article": prefix + "guide/story-1/",
            "category": prefix + "directory/restaurants/",
            "events": prefix + "events/",
            "venue": prefix + "directory/restaurants/cafe-1/",
        }


def count(client, url):
    assert client.get(url).status_code == 200  # caches and renditions are filled once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), queries


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_page_type_has_a_pinned_query_count_whatever_the_list_size(client, restaurants, language):
    site = Site(restaurants)
    site.add(2)
    few = {kind: count(client, url)[0] for kind, url in site.urls(language).items()}
    site.add(10)
    many = {}
    for kind, url in site.urls(language).items():
        many[kind], _queries = count(client, url)
    assert few == many
    assert many == (EXPECTED if language == "en" else EXPECTED_ZH)


def test_cached_settings_and_restrictions_follow_their_changes(client, restaurants):
    from wagtail.models import PageViewRestriction

    from core.models import SiteChrome

    venue = make_venue(restaurants, "Quiet Corner")
    assert client.get(venue.url).status_code == 200
    assert "Restaurants" not in client.get("/en/").content.decode().split("footer-links")[1]

    chrome = SiteChrome.load()
    chrome.footer_links = [("page", {"page": restaurants, "label": ""})]
    chrome.save()
    footer = client.get("/en/").content.decode().split("footer-links")[1]
    assert f'href="{restaurants.url}"' in footer

    PageViewRestriction.objects.create(page=restaurants, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(venue.url).status_code == 302  # to the login page, as before
