"""R-POST-6: browse with filters, sorting, pagination, feeds and structured data."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.utils import timezone

from classifieds.models import Status
from core.models import District, MetroStation
from tests.factories.classifieds import ListingFactory, item, job, personal

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".listing-card h3 a")]


@pytest.fixture
def flats(db):
    xuhui = District.objects.get(code="xuhui")
    return {
        "cheap": ListingFactory(title="Cheap room", price=3000, bedrooms=1, furnished=False),
        "family": ListingFactory(title="Family flat", price=15000, bedrooms=3),
        "xuhui": ListingFactory(
            title="Xuhui flat",
            price=8000,
            bedrooms=2,
            district=xuhui,
            station=MetroStation.objects.get(code="xujiahui"),
        ),
        "old": ListingFactory(title="Old flat", price=7000, bumped_at=timezone.now() - timedelta(days=10)),
        "pending": ListingFactory(title="Pending flat", status=Status.PENDING),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Cheap room", "Family flat", "Xuhui flat", "Old flat"}),
        ({"district": "xuhui"}, {"Xuhui flat"}),
        ({"price_min": "5000", "price_max": "10000"}, {"Xuhui flat", "Old flat"}),
        ({"bedrooms": "3"}, {"Family flat"}),
        ({"furnished": "false"}, {"Cheap room"}),
        ({"line": "9"}, {"Xuhui flat"}),
        ({"posted": "7"}, {"Cheap room", "Family flat", "Xuhui flat"}),
        ({"district": "jingan", "price_max": "9000"}, {"Cheap room", "Old flat"}),
    ],
)
def test_filters_narrow_the_housing_list(client, flats, query, expected):
    response = client.get("/en/classifieds/housing/", query)
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"price_min": "abc"},
        {"district": "atlantis"},
        {"bedrooms": "-1"},
        {"sort": "'; DROP TABLE"},
        {"page": "9999"},
        {"page": "x"},
        {"posted": "<script>"},
        {"price_max": "1" * 400},
    ],
)
def test_odd_filter_values_give_a_calm_page(client, flats, query):
    response = client.get("/en/classifieds/housing/", query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_sorting_by_price_and_newest(client, flats):
    assert titles(client.get("/en/classifieds/housing/", {"sort": "price-low"}))[0] == "Cheap room"
    assert titles(client.get("/en/classifieds/housing/", {"sort": "price-high"}))[0] == "Family flat"
    assert titles(client.get("/en/classifieds/housing/"))[-1] == "Old flat"


def test_counts_empty_state_and_shareable_filter_urls(client, flats):
    body = client.get("/en/classifieds/housing/", {"district": "xuhui"}).content.decode()
    assert "1 listing" in body
    body = client.get("/en/classifieds/housing/", {"district": "chongming"}).content.decode()
    assert "No listings match these filters yet." in body


def test_pagination_keeps_the_filters(client, db):
    ListingFactory.create_batch(25, price=5000)
    first = client.get("/en/classifieds/housing/", {"price_max": "6000"})
    assert len(titles(first)) == 20
    soup = BeautifulSoup(first.content.decode(), "html.parser")
    next_link = soup.select_one(".pagination a")["href"]
    assert "price_max=6000" in next_link and "page=2" in next_link
    assert len(titles(client.get("/en/classifieds/housing/" + next_link))) == 5


def test_jobs_and_buy_sell_filters(client, db):
    job(title="Barista", job_type="part-time", salary_max=8000, visa_sponsorship=False)
    job(title="Engineer", job_type="full-time", salary_max=40000, visa_sponsorship=True)
    assert titles(client.get("/en/classifieds/jobs/", {"job_type": "full-time"})) == ["Engineer"]
    assert titles(client.get("/en/classifieds/jobs/", {"salary": "20000"})) == ["Engineer"]
    assert titles(client.get("/en/classifieds/jobs/", {"visa_sponsorship": "true"})) == ["Engineer"]
    item(title="Sofa", item_category="furniture", condition="fair", price=800)
    item(title="Bike", item_category="bikes", condition="like-new", price=600)
    assert titles(client.get("/en/classifieds/buy-sell/", {"item_category": "bikes"})) == ["Bike"]
    assert titles(client.get("/en/classifieds/buy-sell/", {"condition": "fair"})) == ["Sofa"]


def test_listings_show_posted_and_refreshed_dates(client, db):
    ListingFactory(
        title="Posted flat",
        bumped_at=timezone.now() - timedelta(days=3),
        published_at=timezone.now() - timedelta(days=3),
    )
    ListingFactory(title="Refreshed flat", refreshed_at=timezone.now() - timedelta(hours=2))
    body = client.get("/en/classifieds/housing/").content.decode()
    assert "Posted 3\xa0days ago" in body
    assert "Refreshed 2\xa0hours ago" in body


def test_personals_are_never_shown_to_logged_out_visitors(client, poster):
    ad = personal(title="Hiking partner")
    assert client.get("/en/classifieds/personals/").status_code == 302
    assert client.get(ad.get_absolute_url()).status_code == 302
    assert client.get("/en/classifieds/personals/feed/").status_code == 404
    assert "Hiking partner" not in client.get(f"/en/members/{ad.owner.username}/").content.decode()
    client.force_login(poster)
    assert titles(client.get("/en/classifieds/personals/")) == ["Hiking partner"]
    assert client.get(ad.get_absolute_url()).status_code == 200


def test_rss_feed_lists_published_listings(client, flats):
    response = client.get("/en/classifieds/housing/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    feed_titles = {node.text for node in root.iter("title")}
    assert {"Cheap room", "Family flat"} <= feed_titles
    assert "Pending flat" not in feed_titles


def test_detail_page_carries_json_ld(client, db):
    listing = job(title="Barista <wanted>", employer_name="Lane & Co")
    soup = BeautifulSoup(client.get(listing.get_absolute_url()).content.decode(), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == "Lane & Co"
    assert data["baseSalary"]["currency"] == "CNY"
    assert "</script" not in soup.find("script", type="application/ld+json").string


def test_detail_shows_similar_listings_but_not_itself(client, flats):
    body = client.get(flats["cheap"].get_absolute_url()).content.decode()
    similar = BeautifulSoup(body, "html.parser").select(".similar .listing-card h3 a")
    names = {a.get_text() for a in similar}
    assert "Cheap room" not in names and "Family flat" in names


def test_pages_speak_chinese(client, flats):
    body = client.get("/zh-hans/classifieds/housing/").content.decode()
    assert "租房" in body and "静安区" in body


@pytest.mark.parametrize("count", [10, 500])
def test_index_query_count_is_flat(client, count, django_assert_max_num_queries):
    from classifieds.models import Listing, ListingPhoto

    listings = ListingFactory.create_batch(count)
    ListingPhoto.objects.bulk_create(
        [
            ListingPhoto(listing=listing, image=f"listings/x/{listing.pk}.webp", width=10, height=10)
            for listing in listings
        ]
    )
    assert Listing.objects.count() == count
    client.get("/en/classifieds/housing/")
    with django_assert_max_num_queries(9):
        response = client.get("/en/classifieds/housing/")
    assert len(titles(response)) == min(count, 20)
