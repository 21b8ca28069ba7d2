"""Bilingual SEO: canonical URLs, hreflang only to real translations, link previews,
Article JSON-LD, the sitemap index and its sections, robots.txt."""

import json
import re

import pytest
from defusedxml import ElementTree as ET
from wagtail.models import PageViewRestriction

from classifieds.models import Status
from directory.demo import demo_image
from tests.factories import articles as factories
from tests.factories.articles import make_article, zh_of
from tests.factories.classifieds import ListingFactory, job, personal

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def meta(html, key):
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return found and found.group(1)


def test_a_translated_article_links_both_languages_and_x_default(client, guide, food):
    make_article(guide, "Noodles", topic=food, zh="面条")
    for url in ("/en/guide/noodles/", "/zh-hans/guide/noodles/"):
        html = client.get(url).content.decode()
        assert hreflangs(html) == {
            "en": "http://testserver/en/guide/noodles/",
            "zh-hans": "http://testserver/zh-hans/guide/noodles/",
            "x-default": "http://testserver/en/guide/noodles/",
        }
        assert f'<link rel="canonical" href="http://testserver{url}">' in html


def test_hreflang_never_points_at_a_missing_translation(client, guide, food):
    make_article(guide, "Only English", topic=food)
    html = client.get("/en/guide/only-english/").content.decode()
    assert hreflangs(html) == {}
    assert "/zh-hans/guide/only-english/" not in html.split("</head>")[0]


def test_hreflang_leaves_out_an_unpublished_translation(client, guide, food):
    article = make_article(guide, "Noodles", topic=food, zh="面条")
    zh_of(article).unpublish()
    assert hreflangs(client.get("/en/guide/noodles/").content.decode()) == {}
    assert client.get("/zh-hans/guide/noodles/").status_code == 404


def test_topic_views_link_the_other_language_only_when_the_topic_is_translated(client, guide, food):
    untranslated = factories.topic("Travel", "travel", zh=None)
    make_article(guide, "Noodles", topic=food, zh="面条")
    make_article(guide, "Day Trip", topic=untranslated)
    food_links = hreflangs(client.get("/en/guide/topic/food-drink/").content.decode())
    assert food_links["zh-hans"] == "http://testserver/zh-hans/guide/topic/food-drink/"
    assert client.get("/zh-hans/guide/topic/food-drink/").status_code == 200
    assert hreflangs(client.get("/en/guide/topic/travel/").content.decode()) == {}
    assert client.get("/zh-hans/guide/topic/travel/").status_code == 404


def test_plain_views_link_both_languages(client, db):
    html = client.get("/en/classifieds/").content.decode()
    assert hreflangs(html) == {
        "en": "http://testserver/en/classifieds/",
        "zh-hans": "http://testserver/zh-hans/classifieds/",
        "x-default": "http://testserver/en/classifieds/",
    }


def test_the_canonical_url_drops_tracking_and_keeps_the_page_number(client, guide, food):
    make_article(guide, "Noodles", topic=food)
    html = client.get("/en/guide/?utm_source=x&page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/guide/?page=2">' in html
    html = client.get("/en/guide/?page=abc").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/guide/">' in html


def test_link_previews_carry_the_hero_image_and_description(client, guide, food):
    make_article(guide, "Noodles", topic=food, hero_image=demo_image("Noodle bowl", 3), zh="面条")
    html = client.get("/en/guide/noodles/").content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Noodles"
    assert meta(html, "og:description") == "All about Noodles."
    assert meta(html, "description") == "All about Noodles."
    assert meta(html, "og:url") == "http://testserver/en/guide/noodles/"
    assert meta(html, "og:image").startswith("http://testserver/media/images/")
    assert meta(html, "og:image:width") == "1200"
    assert meta(html, "og:locale") == "en_GB"
    assert meta(html, "og:locale:alternate") == "zh_CN"
    assert meta(html, "twitter:card") == "summary_large_image"
    chinese = client.get("/zh-hans/guide/noodles/").content.decode()
    assert meta(chinese, "og:title") == "面条"
    assert meta(chinese, "og:locale") == "zh_CN"


def article_jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks if '"Article"' in b][0]


def test_article_json_ld(client, guide, food, mei):
    make_article(guide, "Noodles", topic=food, authors=[mei], hero_image=demo_image("Bowl", 4), zh="面条")
    data = article_jsonld(client.get("/en/guide/noodles/").content.decode())
    assert data["@type"] == "Article"
    assert data["headline"] == "Noodles"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/guide/noodles/"
    assert data["author"] == [{"@type": "Person", "name": "Mei Chen"}]
    assert data["articleSection"] == "Food & Drink"
    assert data["datePublished"] == "2026-11-01"
    assert data["image"].startswith("http://testserver/media/images/")
    chinese = article_jsonld(client.get("/zh-hans/guide/noodles/").content.decode())
    assert chinese["inLanguage"] == "zh-hans" and chinese["author"][0]["name"] == "陈梅"


def test_json_ld_cannot_close_its_script(client, guide, food):
    article = make_article(guide, "Safe", topic=food)
    article.title = "</script><script>alert(1)</script>"
    article.standfirst = "<b>&</b>"
    article.save_revision().publish()
    html = client.get("/en/guide/safe/").content.decode()
    assert "<script>alert(1)" not in html
    assert article_jsonld(html)["headline"] == "</script><script>alert(1)</script>"


# sitemap.xml: an index of sections, each a urlset


def sitemap_urls(client):
    """Every <url> of every section (and page of a section) the index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = []
    for loc in ET.fromstring(response.content).findall(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        section = client.get(loc.text)
        assert section.status_code == 200
        assert section["Content-Type"].startswith("application/xml")
        urls += ET.fromstring(section.content).findall(f"{SITEMAP}url")
    return urls


def sitemap(client):
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in sitemap_urls(client)
    }


def test_the_sitemap_lists_every_live_page_once_per_language(client, guide, food):
    make_article(guide, "Noodles", topic=food, zh="面条")
    make_article(guide, "English Only", topic=food)
    locs = [url.findtext(f"{SITEMAP}loc") for url in sitemap_urls(client)]
    assert len(locs) == len(set(locs))  # once each
    entries = sitemap(client)
    for url in (
        "/en/",
        "/zh-hans/",
        "/en/guide/",
        "/zh-hans/guide/",
        "/en/guide/noodles/",
        "/zh-hans/guide/noodles/",
    ):
        assert f"http://testserver{url}" in entries
    assert entries["http://testserver/zh-hans/guide/noodles/"] == {
        "en": "http://testserver/en/guide/noodles/",
        "zh-hans": "http://testserver/zh-hans/guide/noodles/",
        "x-default": "http://testserver/en/guide/noodles/",
    }
    assert entries["http://testserver/en/guide/english-only/"] == {}
    assert "http://testserver/zh-hans/guide/english-only/" not in entries


def test_the_sitemap_leaves_out_drafts_and_private_pages(client, guide, food):
    make_article(guide, "Draft", topic=food, live=False)
    private = make_article(guide, "Members Only", topic=food, zh="会员专享")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=zh_of(private), restriction_type=PageViewRestriction.LOGIN)
    entries = sitemap(client)
    assert not [url for url in entries if "draft" in url or "members-only" in url]
    assert "http://testserver/en/guide/" in entries


def test_the_sitemap_lists_published_listings_but_never_personals(client, db):
    flat = ListingFactory(title="Bright flat")
    barista = job()
    ListingFactory(title="Pending flat", status=Status.PENDING)
    hidden = personal()
    entries = sitemap(client)
    for listing in (flat, barista):
        english = f"http://testserver/en/classifieds/{listing.kind}/{listing.pk}-"
        matches = [url for url in entries if url.startswith(english)]
        assert len(matches) == 1
        assert entries[matches[0]]["zh-hans"].startswith(
            f"http://testserver/zh-hans/classifieds/{listing.kind}/"
        )
        assert entries[matches[0]]["x-default"] == matches[0]
    assert not [url for url in entries if "pending-flat" in url]
    assert not [url for url in entries if f"/{hidden.pk}-" in url and "personals" in url]


def test_the_sitemap_query_count_does_not_grow_with_pages(client, guide, food, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(guide, "One", topic=food, zh="一")
    ListingFactory()
    with CaptureQueriesContext(connection) as few:
        sitemap_urls(client)
    for n in range(5):
        make_article(guide, f"More {n}", topic=food)
        ListingFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        sitemap_urls(client)


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /zh-hans/accounts/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /en/guide/" not in text
    assert client.post("/robots.txt").status_code == 405


def switcher_links(html):
    nav = html.split('class="language-switcher"')[1].split("</nav>")[0]
    return dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav))


def test_the_language_switcher_keeps_a_topic_only_when_it_is_translated(client, guide, food):
    untranslated = factories.topic("Travel", "travel", zh=None)
    make_article(guide, "Noodles", topic=food, tags=["noodles"], zh="面条")
    make_article(guide, "Day Trip", topic=untranslated, tags=["trips"])
    links = switcher_links(client.get("/en/guide/topic/food-drink/").content.decode())
    assert links == {"/zh-hans/guide/topic/food-drink/": "zh-hans"}
    assert switcher_links(client.get("/en/guide/topic/travel/").content.decode()) == {
        "/zh-hans/guide/": "zh-hans"
    }
    assert switcher_links(client.get("/en/guide/tag/trips/").content.decode()) == {
        "/zh-hans/guide/": "zh-hans"
    }
    assert switcher_links(client.get("/zh-hans/guide/tag/noodles/").content.decode()) == {
        "/en/guide/tag/noodles/": "en"
    }
