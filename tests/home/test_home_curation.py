"""The home page: featured articles picked by editors, and sections that fill
themselves — latest articles, events this week, newest listings, top-rated venues —
in a constant number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.demo import demo_image
from directory.models import VenueRating
from home.models import HomePage
from tests.factories import articles as article_factories
from tests.factories.articles import make_article, zh_of
from tests.factories.classifieds import ListingFactory, item, job, personal
from tests.factories.directory import make_venue
from tests.factories.events import events_calendar, make_event

pytestmark = pytest.mark.django_db
# Whatever the number of articles, events, listings and venues: routing (home page),
# the chrome pages, the chosen articles, one query per section (events without a venue
# here) and the renditions of every card.
HOME_QUERIES = 9


def curated_home(featured):
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [
        ("featured_articles", {"heading": "Editors' picks", "articles": featured}),
        ("latest_articles", {"heading": "Latest", "count": 4}),
        ("upcoming_events", {"heading": "This week", "count": 4}),
        ("newest_listings", {"heading": "Classifieds", "count": 2}),
        ("top_venues", {"heading": "Top rated", "count": 3}),
    ]
    home.save_revision().publish()
    return home


class Content:
    def __init__(self, restaurants):
        self.guide = article_factories.guide()
        self.topic = article_factories.topic()
        self.calendar = events_calendar()
        self.restaurants = restaurants
        self.image = demo_image("Card", 1)
        self.n = 0

    def add(self, rounds):
        soon = timezone.now() + timedelta(days=1)
        for _ in range(rounds):
            self.n += 1
            n = self.n
            make_article(self.guide, f"Story {n}", topic=self.topic, tags=["x"], hero_image=self.image)
            make_event(self.calendar, f"Gig {n}", soon + timedelta(hours=n), image=self.image)
            ListingFactory(title=f"Flat {n}")
            job(title=f"Job {n}")
            item(title=f"Bike {n}")
            venue = make_venue(self.restaurants, f"Cafe {n}")
            venue.cover_image = self.image
            venue.save_revision().publish()
            VenueRating.objects.create(translation_key=venue.translation_key, average=Decimal("4.5"), count=n)


def test_the_home_page_keeps_a_constant_query_count(client, restaurants, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, not a cached copy
    content = Content(restaurants)
    content.add(1)
    from articles.models import ArticlePage

    curated_home(list(ArticlePage.objects.filter(locale__language_code="en")))
    client.get("/en/")  # renditions are made once
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/").status_code == 200
    content.add(5)
    curated_home(list(ArticlePage.objects.filter(locale__language_code="en"))[:6])
    client.get("/en/")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/")
    html = response.content.decode()
    assert html.count('class="listing-card article-card') == 6 + 4
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) == HOME_QUERIES, "\n".join(
        q["sql"][:150] for q in many.captured_queries
    )


def test_each_section_shows_the_newest_and_the_best(client, restaurants):
    content = Content(restaurants)
    content.add(3)
    personal(title="Hiking partner")
    ListingFactory(title="Pending flat", status="pending")
    make_article(content.guide, "Old Draft", topic=content.topic, live=False)
    make_event(content.calendar, "Far Future Gig", timezone.now() + timedelta(days=20))
    curated_home([])
    html = client.get("/en/").content.decode()
    assert "Editors' picks" not in html  # nothing picked, no empty section
    latest = html.split("<h2>Latest</h2>")[1].split("</section>")[0]
    assert "Story 3" in latest and "Old Draft" not in latest
    week = html.split("<h2>This week</h2>")[1].split("</section>")[0]
    assert "Gig 1" in week and "Far Future Gig" not in week
    listings = html.split("<h2>Classifieds</h2>")[1].split("</section>")[0]
    assert "Flat 3" in listings and "Job 3" in listings and "Bike 3" in listings
    assert "Flat 1" not in listings  # two of each kind
    assert "Hiking partner" not in listings and "Pending flat" not in listings
    venues = html.split("<h2>Top rated</h2>")[1].split("</section>")[0]
    assert venues.index("Cafe 3") < venues.index("Cafe 2")  # more reviews first at equal stars


def test_featured_articles_follow_the_editors_order_in_the_visitors_language(client, db):
    guide = article_factories.guide()
    topic = article_factories.topic()
    first = make_article(guide, "First Pick", topic=topic, zh="首选")
    second = make_article(guide, "Second Pick", topic=topic)  # not translated
    third = make_article(guide, "Third Pick", topic=topic, zh="第三")
    home = curated_home([third, first, second])
    home_zh = zh_of(home)
    assert home_zh is not None
    from core.translation import sync_translations

    sync_translations(home)
    english = client.get("/en/").content.decode().split("Editors&#x27; picks")[1].split("</section>")[0]
    assert english.index("Third Pick") < english.index("First Pick") < english.index("Second Pick")
    chinese = client.get("/zh-hans/").content.decode()
    assert chinese.index("第三") < chinese.index("首选")
    assert "Second Pick" not in chinese  # no English article on the Chinese home page
    second.unpublish()
    assert "Second Pick" not in client.get("/en/").content.decode()
