"""Search that understands Chinese, pinyin and English stems, on PostgreSQL."""

import pytest
from bs4 import BeautifulSoup

from classifieds import lifecycle
from classifieds.models import Status
from home.models import StandardPage
from tests.factories.classifieds import ListingFactory, personal
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".search-results h2 a")]


def find_listings(client, query, **params):
    return titles(client.get("/en/search/", {"q": query, "type": "listings", **params}))


def find_venues(client, query, language="en"):
    return titles(client.get(f"/{language}/search/", {"q": query, "type": "venues"}))


@pytest.fixture
def flat(db):
    return ListingFactory(
        title="浦东新区两房出租",
        description="静安寺附近，采光好，拎包入住。Close to Line 2, south-facing apartment.",
    )


@pytest.mark.parametrize("query", ["新区", "两房", "采光", "拎包入住", "附近采光", "浦东新区两房出租"])
def test_a_chinese_word_inside_a_run_of_characters_is_found(client, flat, query):
    assert find_listings(client, query) == [flat.title]


def test_words_not_in_the_text_find_nothing(client, flat):
    assert find_listings(client, "宠物") == []
    assert find_listings(client, "两房 宠物") == []


@pytest.mark.parametrize("query", ["兩房", "採光好", "靜安寺"])
def test_traditional_characters_find_simplified_text(client, flat, query):
    assert find_listings(client, query) == [flat.title]


@pytest.mark.parametrize("query", ["两房 apartment", "south 采光", "Line 2 静安寺", "静安寺apartment"])
def test_mixed_chinese_and_english_queries(client, flat, query):
    assert find_listings(client, query) == [flat.title]


def test_an_english_plural_finds_the_singular(client, flat):
    ListingFactory(title="Quiet lane house", description="A garden and a study.")
    assert find_listings(client, "apartments") == [flat.title]
    assert find_listings(client, "gardens") == ["Quiet lane house"]


def test_full_width_latin_letters_are_folded(client, flat):
    assert find_listings(client, "ａｐａｒｔｍｅｎｔ") == [flat.title]


def test_pinyin_finds_venues_in_the_district(client, restaurants):
    make_venue(restaurants, "Lane Bistro", district="jingan")
    make_venue(restaurants, "Harbour Grill", district="huangpu", station="peoplessquare")
    assert find_venues(client, "jingan") == ["Lane Bistro"]
    assert find_venues(client, "huangpu") == ["Harbour Grill"]
    assert find_venues(client, "静安") == ["Lane Bistro"]


@pytest.mark.parametrize("query", ["xintiandi", "xin tian di", "Xin Tian Di", "新天地", "新天地咖啡"])
def test_a_chinese_venue_name_is_found_by_pinyin_with_or_without_spaces(client, restaurants, query):
    make_venue(restaurants, "Corner Cafe", zh="新天地咖啡")
    assert find_venues(client, query, language="zh-hans") == ["新天地咖啡"]


def test_pinyin_of_one_place_does_not_find_another(client, restaurants):
    make_venue(restaurants, "Corner Cafe", zh="新天地咖啡")
    assert find_venues(client, "xujiahui", language="zh-hans") == []


def test_search_stays_in_the_visitors_language(client, restaurants):
    make_venue(restaurants, "Corner Cafe", zh="新天地咖啡")
    assert find_venues(client, "cafe", language="en") == ["Corner Cafe"]
    assert find_venues(client, "新天地", language="en") == []


def test_pages_of_any_type_are_found_by_chinese_words(client, demo_site):
    demo_site["home"].add_child(
        instance=StandardPage(
            title="上海咖啡馆指南", slug="coffee-guide", introduction="弄堂里的独立咖啡馆。"
        )
    )
    assert titles(client.get("/en/search/", {"q": "咖啡馆", "type": "pages"})) == ["上海咖啡馆指南"]
    assert titles(client.get("/en/search/", {"q": "独立", "type": "pages"})) == ["上海咖啡馆指南"]


# Only what a visitor may see


def test_a_removed_listing_leaves_the_index_at_once(client, flat, django_capture_on_commit_callbacks):
    from wagtail.search.backends.database.postgres.postgres import IndexEntry

    assert find_listings(client, "两房") == [flat.title]
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.reject(flat, UserFactory(is_staff=True), "Scam")
    assert find_listings(client, "两房") == []
    assert not IndexEntry.objects.filter(object_id=str(flat.pk), content_type__model="listing").exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.PENDING, Status.EXPIRED, Status.REMOVED, Status.TAKEN]
)
def test_listings_not_published_are_never_found(client, status):
    ListingFactory(title="静安两房", status=status)
    assert find_listings(client, "两房") == []
    assert find_listings(client, "jingan") == []


def test_deleted_listings_are_never_found(client, flat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.delete_by_owner(flat)
    assert find_listings(client, "两房") == []


def test_personals_are_found_only_by_signed_in_members(client):
    personal(title="周末徒步找伙伴", description="Weekend hikes.")
    assert find_listings(client, "徒步") == []
    assert titles(client.get("/en/search/", {"q": "徒步"})) == []
    client.force_login(UserFactory())
    assert find_listings(client, "徒步") == ["周末徒步找伙伴"]


def test_unpublished_venues_are_not_found(client, restaurants):
    venue = make_venue(restaurants, "Lane Bistro", district="jingan")
    venue.unpublish()
    assert find_venues(client, "jingan") == []
    assert find_venues(client, "bistro") == []
