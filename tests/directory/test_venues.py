"""R-CMS-1/2/3: venue pages in both languages, synchronised facts, opening hours."""

from datetime import datetime, time

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from freezegun import freeze_time
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import TranslationSource

from core.models import District
from directory import hours
from directory.models import DirectoryCategoryPage, DirectoryIndexPage, VenueOpeningPeriod, VenuePage
from home.models import HomePage
from tests.directory.conftest import EVERY_DAY_LUNCH_DINNER, LATE_BAR_CLOSED_MONDAY
from tests.factories.directory import make_venue

pytestmark = pytest.mark.django_db


class DirectoryTreeRules(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(DirectoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(DirectoryIndexPage, {DirectoryCategoryPage})
        self.assertAllowedParentPageTypes(DirectoryCategoryPage, {DirectoryIndexPage})
        self.assertAllowedSubpageTypes(DirectoryCategoryPage, {VenuePage})
        self.assertAllowedParentPageTypes(VenuePage, {DirectoryCategoryPage})
        self.assertAllowedSubpageTypes(VenuePage, set())


def shanghai(*args):
    return timezone.make_aware(datetime(*args), timezone.get_fixed_timezone(8 * 60))


def test_venue_renders_in_both_languages_with_both_addresses(client, restaurants):
    venue = make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")
    english = client.get(venue.url).content.decode()
    chinese = client.get("/zh-hans/directory/restaurants/lane-noodles/").content.decode()
    assert "Lane Noodles" in english and "1 Test Road" in english and "测试路1号" in english
    assert "弄堂面馆" in chinese and "测试路1号" in chinese


def test_phone_changed_in_english_reaches_the_chinese_page_on_sync(
    admin_client, client, restaurants, django_capture_on_commit_callbacks
):
    venue = make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")
    venue.phone = "+86 21 6888 8888"
    venue.save_revision().publish()
    source = TranslationSource.objects.get(
        object_id=venue.translation_key, specific_content_type__model="venuepage"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    chinese = client.get("/zh-hans/directory/restaurants/lane-noodles/").content.decode()
    assert "+86 21 6888 8888" in chinese
    assert "弄堂面馆" in chinese  # the translated name was not re-entered or lost


def test_language_switch_on_a_venue_keeps_the_venue(client, restaurants):
    venue = make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")
    soup = BeautifulSoup(client.get(venue.url).content.decode(), "html.parser")
    assert (
        soup.select_one('nav.language-switcher a[hreflang="zh-hans"]')["href"]
        == "/zh-hans/directory/restaurants/lane-noodles/"
    )


class TestOpenNow:
    periods = [hours.Period(d, o, c) for d, o, c in EVERY_DAY_LUNCH_DINNER]
    late = [hours.Period(d, o, c) for d, o, c in LATE_BAR_CLOSED_MONDAY]

    @pytest.mark.parametrize(
        ("moment", "is_open", "closes"),
        [
            (datetime(2026, 11, 25, 12, 0), True, datetime(2026, 11, 25, 14, 0)),  # lunch
            (datetime(2026, 11, 25, 15, 30), False, None),  # between split hours
            (datetime(2026, 11, 25, 21, 59), True, datetime(2026, 11, 25, 22, 0)),
            (datetime(2026, 11, 25, 22, 0), False, None),
        ],
    )
    def test_split_hours(self, moment, is_open, closes):
        assert hours.status(self.periods, moment)[:2] == (is_open, closes)

    def test_across_midnight(self):
        saturday_late = datetime(2026, 11, 29, 1, 30)  # Sunday 01:30, the Saturday night opening runs on
        assert hours.status(self.late, saturday_late)[:2] == (True, datetime(2026, 11, 29, 2, 0))
        assert hours.status(self.late, datetime(2026, 11, 29, 2, 0))[0] is False

    def test_closed_day_and_the_night_after(self):
        monday_evening = datetime(2026, 11, 30, 20, 0)  # closed all Monday
        assert hours.status(self.late, monday_evening)[0] is False
        tuesday_early = datetime(2026, 12, 1, 1, 0)  # nothing began on Monday night
        assert hours.status(self.late, tuesday_early)[0] is False
        sunday_night = datetime(2026, 11, 30, 1, 0)  # Monday 01:00, Sunday's opening still runs
        assert hours.status(self.late, sunday_night)[0] is True

    def test_next_opening(self):
        _open, _closes, next_opening = hours.status(self.late, datetime(2026, 11, 30, 12, 0))
        assert next_opening == datetime(2026, 12, 1, 19, 0)

    def test_page_shows_open_now_in_shanghai_time(self, client, restaurants):
        venue = make_venue(restaurants, "Night Bar", periods=LATE_BAR_CLOSED_MONDAY)
        with freeze_time(shanghai(2026, 11, 28, 23, 30)):  # Saturday 23:30 in Shanghai = 15:30 UTC
            body = client.get(venue.url).content.decode()
        assert "Open now" in body and "closes at 02:00" in body
        with freeze_time(shanghai(2026, 11, 30, 20, 0)):  # Monday
            body = client.get(venue.url).content.decode()
        assert "Closed now" in body and "opens Tuesday at 19:00" in body

    def test_hours_table_shows_closed_days(self, client, restaurants):
        venue = make_venue(restaurants, "Night Bar", periods=LATE_BAR_CLOSED_MONDAY)
        soup = BeautifulSoup(client.get(venue.url).content.decode(), "html.parser")
        rows = {row.th.get_text(): row.td.get_text() for row in soup.select("table.hours tr")}
        assert rows["Monday"] == "Closed" and rows["Saturday"] == "19:00–02:00"


def titles(response):
    return [
        a.get_text()
        for a in BeautifulSoup(response.content.decode(), "html.parser").select(".listing-card h3 a")
    ]


class TestCategoryPage:
    @pytest.fixture
    def venues(self, restaurants):
        return {
            "noodles": make_venue(
                restaurants, "Noodles", periods=EVERY_DAY_LUNCH_DINNER, price=1, tags=["noodles"]
            ),
            "bar": make_venue(
                restaurants,
                "Bar",
                periods=LATE_BAR_CLOSED_MONDAY,
                price=3,
                district="xuhui",
                station="xujiahui",
                tags=["cocktails"],
            ),
            "grill": make_venue(restaurants, "Grill", price=4, district="pudong", station="lujiazui"),
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({}, ["Bar", "Grill", "Noodles"]),
            ({"district": "xuhui"}, ["Bar"]),
            ({"price": "4"}, ["Grill"]),
            ({"tag": "noodles"}, ["Noodles"]),
            ({"line": "2"}, ["Grill", "Noodles"]),
            ({"district": "nowhere", "price": "x", "page": "99"}, ["Bar", "Grill", "Noodles"]),
        ],
    )
    def test_filters(self, client, restaurants, venues, query, expected):
        assert titles(client.get(restaurants.url, query)) == expected

    def test_open_now_filter_uses_shanghai_time(self, client, restaurants, venues):
        # Forward in time, as a cached copy lives: it expires when any venue opens or closes.
        with freeze_time(shanghai(2026, 11, 25, 12, 30)):
            assert titles(client.get(restaurants.url, {"open_now": "true"})) == ["Noodles"]
        with freeze_time(shanghai(2026, 11, 29, 1, 0)):  # Sunday 01:00: only the bar (from Saturday night)
            assert titles(client.get(restaurants.url, {"open_now": "true"})) == ["Bar"]

    def test_category_in_chinese(self, client, restaurants, venues):
        body = client.get("/zh-hans/directory/restaurants/").content.decode()
        assert "餐厅" in body


@pytest.mark.parametrize("count", [10, 300])
def test_category_page_query_count_is_flat(client, restaurants, count, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, not a cached copy
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="cover", file=get_test_image_file())
    district = District.objects.get(code="jingan")
    for n in range(count):
        venue = VenuePage(
            title=f"Venue {n:03d}",
            slug=f"venue-{n}",
            address_en="x",
            address_zh="x",
            district=district,
            cover_image=image,
        )
        restaurants.add_child(instance=venue)
        VenueOpeningPeriod.objects.create(page=venue, weekday=n % 7, opens=time(9), closes=time(17))
    client.get(restaurants.url)
    # routing (home page, path, category), count, venues with images, renditions,
    # hours, filter choices (districts, lines, tags), the chrome pages
    with django_assert_num_queries(11):
        response = client.get(restaurants.url)
    assert len(titles(response)) == min(count, 20)
