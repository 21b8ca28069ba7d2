"""The sitemap index and its sections: pages, and listings per classifieds kind."""

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from classifieds.models import Status
from home.sitemaps import ListingSitemap, PageSitemap
from tests.factories.articles import make_article, zh_of
from tests.factories.classifieds import ListingFactory, job, personal

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SERVER = "http://testserver"


def index(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in root.findall(f"{SITEMAP}sitemap/{SITEMAP}loc")]


def section(client, url):
    """{loc: {hreflang: href}} of one section page, in document order."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def everything(client):
    entries = {}
    for url in index(client):
        entries.update(section(client, url))
    return entries


def test_the_index_lists_the_sections_and_never_personals(client, db):
    assert index(client) == [
        f"{SERVER}/sitemap-pages.xml",
        f"{SERVER}/sitemap-classifieds-housing.xml",
        f"{SERVER}/sitemap-classifieds-jobs.xml",
        f"{SERVER}/sitemap-classifieds-buy-sell.xml",
    ]
    assert client.get("/sitemap-classifieds-personals.xml").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.post("/sitemap.xml").status_code == 405
    assert client.post("/sitemap-pages.xml").status_code == 405
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_the_index_and_sections_carry_lastmod(client, db):
    flat = ListingFactory(title="Bright flat")
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    lastmods = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in root.findall(f"{SITEMAP}sitemap")
    }
    assert lastmods[f"{SERVER}/sitemap-classifieds-housing.xml"]
    assert lastmods[f"{SERVER}/sitemap-classifieds-jobs.xml"] is None  # no jobs yet
    housing = ET.fromstring(client.get("/sitemap-classifieds-housing.xml").content)
    stamps = {url.findtext(f"{SITEMAP}lastmod") for url in housing.findall(f"{SITEMAP}url")}
    assert stamps == {timezone.localtime(flat.updated_at).isoformat()}


def test_a_listing_section_paginates_and_never_exceeds_the_limit(client, db, monkeypatch):
    monkeypatch.setattr(ListingSitemap, "limit", 3)
    flats = [ListingFactory() for _ in range(4)]  # 8 URLs: both languages each
    base = f"{SERVER}/sitemap-classifieds-housing.xml"
    assert [url for url in index(client) if url.startswith(base)] == [base, f"{base}?p=2", f"{base}?p=3"]
    pages = [section(client, url) for url in (base, f"{base}?p=2", f"{base}?p=3")]
    assert [len(page) for page in pages] == [3, 3, 2]
    locs = [loc for page in pages for loc in page]
    assert len(set(locs)) == 8
    for flat in flats:
        for code in ("en", "zh-hans"):
            prefix = f"{SERVER}/{code}/classifieds/housing/{flat.pk}-"
            assert len([loc for loc in locs if loc.startswith(prefix)]) == 1
    # A listing split over two sitemap pages keeps all its alternates on both.
    for page in pages:
        for alternates in page.values():
            assert set(alternates) == {"en", "zh-hans", "x-default"}
    assert client.get("/sitemap-classifieds-housing.xml?p=4").status_code == 404
    assert client.get("/sitemap-classifieds-housing.xml?p=two").status_code == 404


def test_the_page_section_paginates_and_keeps_alternates_across_pages(client, guide, food, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 2)
    make_article(guide, "Noodles", topic=food, zh="面条")
    make_article(guide, "Tea", topic=food, zh="茶")
    base = f"{SERVER}/sitemap-pages.xml"
    urls = [url for url in index(client) if url.startswith(base)]
    assert urls == [base] + [f"{base}?p={n}" for n in range(2, 5)]  # 8 pages, 2 per sitemap page
    pages = [section(client, url) for url in urls]
    assert all(len(page) <= 2 for page in pages)
    entries = {loc: alternates for page in pages for loc, alternates in page.items()}
    assert len(entries) == 8
    # /en/guide/noodles/ and /zh-hans/guide/noodles/ sort onto different sitemap pages.
    for loc in (f"{SERVER}/en/guide/noodles/", f"{SERVER}/zh-hans/guide/noodles/"):
        assert entries[loc] == {
            "en": f"{SERVER}/en/guide/noodles/",
            "zh-hans": f"{SERVER}/zh-hans/guide/noodles/",
            "x-default": f"{SERVER}/en/guide/noodles/",
        }
    assert client.get("/sitemap-pages.xml?p=5").status_code == 404


def test_alternates_name_both_languages_and_x_default_in_its_own_prefix(client, guide, food):
    make_article(guide, "Noodles", topic=food, zh="面条")
    barista = job()
    entries = everything(client)
    assert entries[f"{SERVER}/zh-hans/guide/noodles/"] == {
        "en": f"{SERVER}/en/guide/noodles/",
        "zh-hans": f"{SERVER}/zh-hans/guide/noodles/",
        "x-default": f"{SERVER}/en/guide/noodles/",
    }
    english = barista.get_absolute_url()
    assert english.startswith(f"/en/classifieds/jobs/{barista.pk}-")
    chinese = english.replace("/en/", "/zh-hans/", 1)
    expected = {"en": SERVER + english, "zh-hans": SERVER + chinese, "x-default": SERVER + english}
    assert entries[SERVER + english] == expected
    assert entries[SERVER + chinese] == expected


def test_drafts_unpublished_and_restricted_pages_never_appear(client, guide, food):
    make_article(guide, "Draft", topic=food, live=False)
    withdrawn = make_article(guide, "Withdrawn", topic=food, zh="撤回")
    withdrawn.unpublish()
    half = make_article(guide, "Half", topic=food, zh="一半")
    zh_of(half).unpublish()
    private = make_article(guide, "Members Only", topic=food, zh="会员专享")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=zh_of(private), restriction_type=PageViewRestriction.LOGIN)
    locked = make_article(guide, "Locked", topic=food, zh="上锁")
    PageViewRestriction.objects.create(
        page=zh_of(locked), restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    entries = everything(client)
    for slug in ("draft", "members-only"):
        assert not [url for url in entries if slug in url], slug
    # Unpublished in English: the live Chinese page stays, without an alternate.
    assert f"{SERVER}/en/guide/withdrawn/" not in entries
    assert entries[f"{SERVER}/zh-hans/guide/withdrawn/"] == {}
    # Only the public, live language remains, and it lists no alternate.
    assert entries[f"{SERVER}/en/guide/half/"] == {}
    assert f"{SERVER}/zh-hans/guide/half/" not in entries
    assert entries[f"{SERVER}/en/guide/locked/"] == {}
    assert f"{SERVER}/zh-hans/guide/locked/" not in entries
    assert not [href for links in entries.values() for href in links.values() if "members-only" in href]


def test_a_restricted_section_hides_every_page_below_it(client, guide, food):
    make_article(guide, "Noodles", topic=food, zh="面条")
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    entries = everything(client)
    assert not [url for url in entries if "/en/guide/" in url]
    assert f"{SERVER}/zh-hans/guide/noodles/" in entries
    assert entries[f"{SERVER}/zh-hans/guide/noodles/"] == {}


def test_listings_anyone_may_not_see_and_personals_never_appear(client, db):
    shown = ListingFactory(title="Shown flat")
    ListingFactory(title="Pending flat", status=Status.PENDING)
    ListingFactory(title="Draft flat", status=Status.DRAFT)
    ListingFactory(title="Expired flat", status=Status.EXPIRED)
    ListingFactory(title="Taken flat", status=Status.TAKEN)
    ListingFactory(title="Removed flat", status=Status.REMOVED)
    ListingFactory(title="Deleted flat", deleted_at=timezone.now())
    hidden = personal(title="Hiking partner")
    entries = everything(client)
    listings = [url for url in entries if "/classifieds/" in url]
    assert sorted(listings) == sorted(
        f"{SERVER}/{code}/classifieds/housing/{shown.pk}-shown-flat/" for code in ("en", "zh-hans")
    )
    assert not [href for links in entries.values() for href in links.values() if "personals" in href]
    assert not [url for url in entries if f"/{hidden.pk}-" in url and "hiking" in url]


def count_queries(client, url):
    client.get(url)  # Wagtail caches its site root paths outside the request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_page_section_takes_the_same_queries_however_many_pages(
    client, guide, food, django_assert_num_queries
):
    make_article(guide, "One", topic=food, zh="一")
    few = count_queries(client, "/sitemap-pages.xml")
    for n in range(6):
        make_article(guide, f"More {n}", topic=food, zh=f"更多{n}" if n % 2 else None)
    client.get("/sitemap-pages.xml")
    with django_assert_num_queries(few):
        entries = section(client, "/sitemap-pages.xml")
    assert len(entries) == 4 + 2 + 6 + 3  # homes and guides, One twice, six more, three of them translated


def test_a_listing_section_takes_the_same_queries_however_many_listings(
    client, db, django_assert_num_queries
):
    ListingFactory()
    few = count_queries(client, "/sitemap-classifieds-housing.xml")
    for _ in range(6):
        ListingFactory()
    with django_assert_num_queries(few):
        entries = section(client, "/sitemap-classifieds-housing.xml")
    assert len(entries) == 14


def test_the_index_takes_the_same_queries_however_many_items(client, guide, food, django_assert_num_queries):
    make_article(guide, "One", topic=food, zh="一")
    ListingFactory()
    few = count_queries(client, "/sitemap.xml")
    for n in range(4):
        make_article(guide, f"More {n}", topic=food)
        ListingFactory()
        job()
    client.get("/sitemap.xml")
    with django_assert_num_queries(few):
        client.get("/sitemap.xml")
