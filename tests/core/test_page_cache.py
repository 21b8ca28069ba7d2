"""The anonymous page cache, from the visitor's side: a second visit costs no query,
nobody is shown a page meant for someone else, and every change is on the page at
once, in both languages."""

import gzip
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from classifieds import lifecycle
from classifieds.models import Status
from directory import reviews
from directory.models import Review
from tests.factories import articles as article_factories
from tests.factories.classifieds import ListingFactory
from tests.factories.directory import make_venue
from tests.factories.events import events_calendar, make_event
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def visit(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def like_a_browser(client):
    """Drop the cookies a response deleted (the test client keeps them, empty)."""
    for name in [name for name, morsel in client.cookies.items() if not morsel.value]:
        del client.cookies[name]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


@pytest.fixture
def article(guide):
    return article_factories.make_article(guide, "Best Xiaolongbao", zh="最好的小笼包")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, article):
    for url in ("/en/", "/zh-hans/", article.url, article_factories.zh_of(article).url):
        first = visit(client, url)
        assert first["X-Page-Cache"] == "miss"
        second, queries = queries_for(client, url)
        assert second["X-Page-Cache"] == "hit"
        assert queries == 0
        assert second.content == first.content
        assert "public" in second["Cache-Control"] and "s-maxage=" in second["Cache-Control"]


def test_anonymous_pages_set_no_cookie(client, article, restaurants):
    venue = make_venue(restaurants, "Lane Dumplings", zh="弄堂小笼")
    ListingFactory(title="Flat near Jing'an Temple")
    for url in (
        "/en/",
        "/zh-hans/",
        article.url,
        venue.url,
        "/en/classifieds/housing/",
        "/en/search/?q=flat",
    ):
        response = visit(client, url)
        assert not response.cookies, (url, list(response.cookies))
        assert response["X-Page-Cache"] == "miss"


def test_a_signed_in_member_never_gets_or_leaves_a_cached_page(client, article):
    anonymous = Client()
    visit(anonymous, article.url)
    member = UserFactory(username="mei")
    client.force_login(member)
    signed_in = visit(client, article.url)
    assert signed_in["X-Page-Cache"] == "skip"
    assert "private" in signed_in["Cache-Control"]
    assert "mei" in signed_in.content.decode() or "Log out" in signed_in.content.decode()
    again = visit(anonymous, article.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Log out" not in again.content.decode()


def test_a_visitor_with_a_message_waiting_sees_it_not_a_cached_page(client, demo_site):
    visit(Client(), "/en/about/")
    response = client.post(
        "/consent/", {"choice": "reject_all", "next": "/en/about/"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    page = client.get("/en/about/")
    assert page["X-Page-Cache"] == "skip"
    assert "Your cookie choices are saved" in page.content.decode()
    like_a_browser(client)
    # Once shown, the message is gone and the page comes from the cache again.
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_each_consent_state_has_its_own_copy_and_a_change_shows_at_once(client, demo_site):
    newcomer = visit(client, "/en/about/")
    assert "cookie-banner" in newcomer.content.decode()
    assert visit(client, "/en/about/")["X-Page-Cache"] == "hit"
    client.post("/consent/", {"choice": "accept_all", "next": "/en/about/"}, HTTP_ORIGIN="http://testserver")
    client.get("/en/about/")  # the confirmation message, shown once
    like_a_browser(client)
    decided = visit(client, "/en/about/")
    assert "cookie-banner" not in decided.content.decode()
    # Someone who has not decided still gets the banner.
    assert "cookie-banner" in visit(Client(), "/en/about/").content.decode()


def test_no_csrf_token_or_session_ever_reaches_a_cached_page(client, demo_site):
    for url in ("/en/", "/en/about/", "/zh-hans/about/"):
        html = visit(client, url).content.decode()
        assert "csrfmiddlewaretoken" not in html
    # A page whose form needs a token is never stored.
    login = client.get("/en/accounts/login/")
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert login["X-Page-Cache"] == "skip"
    assert Client().get("/en/accounts/login/")["X-Page-Cache"] == "skip"


def test_publishing_a_new_revision_is_on_the_page_at_once_in_both_languages(client, guide, article):
    zh = article_factories.zh_of(article)
    for url in (article.url, zh.url, guide.url, "/en/"):
        visit(client, url)
    article.title = "Better Xiaolongbao"
    article.save_revision().publish()
    assert "Better Xiaolongbao" in visit(client, article.url).content.decode()
    assert "Better Xiaolongbao" in visit(client, guide.url).content.decode()
    zh.title = "更好的小笼包"
    zh.save_revision().publish()
    assert "更好的小笼包" in visit(client, zh.url).content.decode()
    assert "更好的小笼包" in visit(client, article_factories.zh_of(guide).url).content.decode()


def test_unpublishing_moving_and_deleting_a_page_take_it_off_every_page(client, guide, article):
    other = article_factories.make_article(guide, "Night Markets")
    visit(client, guide.url)
    visit(client, other.url)
    other.unpublish()
    assert client.get(other.url).status_code == 404
    assert "Night Markets" not in visit(client, guide.url).content.decode()

    visit(client, article.url)
    old_url = article.url
    article.slug = "xiaolongbao"
    article.save_revision().publish()
    assert client.get(old_url).status_code in (301, 302, 404)
    assert visit(client, article_factories.zh_of(article).url)

    visit(client, guide.url)
    article.refresh_from_db()
    article_factories.zh_of(article).delete()
    article.delete()
    assert "Best Xiaolongbao" not in visit(client, guide.url).content.decode()


def test_a_listing_change_refreshes_its_page_its_section_its_feed_and_the_home_page(client, demo_site):
    listing = ListingFactory(title="Loft by the Bund")
    urls = [
        listing.get_absolute_url(),
        "/en/classifieds/housing/",
        "/zh-hans/classifieds/housing/",
        "/en/classifieds/housing/?district=jingan",
        "/en/classifieds/housing/feed/",
    ]
    for url in urls:
        visit(client, url)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit"

    lifecycle.mark_taken(listing)
    assert client.get(urls[1])["X-Page-Cache"] == "miss"
    listing.refresh_from_db()
    listing.status = Status.PUBLISHED
    listing.save()
    lifecycle.bump(listing)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url

    lifecycle.delete_by_owner(listing)
    for url in urls[1:4]:
        assert "Loft by the Bund" not in visit(client, url).content.decode()
    assert client.get(urls[0]).status_code == 410  # gone, for visitors and crawlers


def test_a_new_listing_approved_by_a_moderator_shows_on_its_index(client, demo_site):
    visit(client, "/en/classifieds/housing/")
    visit(client, "/zh-hans/classifieds/housing/")
    listing = ListingFactory(title="Garden flat in Xuhui", status=Status.PENDING)
    lifecycle.publish(listing, UserFactory(username="moderator", is_staff=True))
    assert "Garden flat in Xuhui" in visit(client, "/en/classifieds/housing/").content.decode()
    assert "Garden flat in Xuhui" in visit(client, "/zh-hans/classifieds/housing/").content.decode()


def test_an_approved_review_is_on_its_venue_page(client, restaurants):
    venue = make_venue(restaurants, "Lane Dumplings", zh="弄堂小笼")
    zh = venue.get_translations().first()
    visit(client, venue.url)
    visit(client, zh.url)
    review = Review.objects.create(
        venue=venue, author=UserFactory(username="eater"), rating=5, text="Soup dumplings worth the queue."
    )
    reviews.set_status(review, Review.Status.PUBLISHED)
    assert "Soup dumplings worth the queue." in visit(client, venue.url).content.decode()
    assert "Soup dumplings worth the queue." in visit(client, zh.url).content.decode()


def test_an_event_change_refreshes_its_calendar_views_and_its_venue(client, restaurants):
    calendar = events_calendar()
    venue = make_venue(restaurants, "Lane Dumplings")
    start = timezone.now() + timedelta(days=3)
    event = make_event(calendar, "Dumpling Festival", start, venue=venue, zh="小笼节")
    day = timezone.localtime(start).date().isoformat()
    urls = [calendar.url, f"{calendar.url}date/{day}/", f"{calendar.url}month/", venue.url]
    for url in urls:
        visit(client, url)
    event.title = "Dumpling Fair"
    event.save_revision().publish()
    for url in urls:
        assert "Dumpling Fair" in visit(client, url).content.decode(), url


@freeze_time("2026-11-25 04:10:00")  # 12:10 in Shanghai
def test_pages_that_change_with_the_clock_are_kept_only_until_then(client, restaurants):
    now = timezone.localtime()
    closes = (now + timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    opens = (now - timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    venue = make_venue(restaurants, "Late Noodles", periods=[(now.weekday(), opens, closes)])
    response = visit(client, venue.url)
    lifetime = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert lifetime <= 30 * 60 + 1

    calendar = events_calendar()
    make_event(
        calendar, "Morning Run", timezone.now() + timedelta(hours=1), end=timezone.now() + timedelta(hours=2)
    )
    today = visit(client, f"{calendar.url}today/")
    lifetime = int(today["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    midnight = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time.min))
    assert lifetime <= (midnight - timezone.now()).total_seconds() + 1
    assert lifetime <= 2 * 3600 + 1


def test_a_cached_page_answers_conditional_requests_and_is_compressed(client, demo_site):
    first = visit(client, "/en/about/")
    etag = first["ETag"]
    again = client.get("/en/about/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    packed = client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == first.content


def test_with_the_cache_off_nothing_is_stored(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(client, "/en/about/")
    assert client.get("/en/about/")["X-Page-Cache"] == "skip"


def test_a_cache_that_is_down_means_no_cache_not_an_error(client, demo_site, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "skip"


def test_pages_with_a_secret_get_fresh_compression_padding_and_cached_ones_have_none(client, demo_site):
    """Django's BREACH mitigation (random gzip padding) on every page that carries a
    token; a cached copy, compressed once, carries none to guess."""
    assert client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip")["X-Page-Cache"] == "miss"
    cached = client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip")
    cached_again = client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip")
    assert cached["X-Page-Cache"] == cached_again["X-Page-Cache"] == "hit"
    assert cached["Content-Encoding"] == "gzip" and "Accept-Encoding" in cached["Vary"]
    assert b"csrfmiddlewaretoken" not in gzip.decompress(cached.content)
    client.force_login(UserFactory(username="mei"))
    responses = [client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip") for _ in range(5)]
    assert {r["X-Page-Cache"] for r in responses} == {"skip"}
    assert b"csrfmiddlewaretoken" in gzip.decompress(responses[0].content)
    # The padding: a file name of random length in the gzip header.
    assert len({r.content.index(b"\x00", 10) for r in responses}) > 1


def test_the_site_has_a_favicon_that_browsers_keep(client, demo_site):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=604800" in icon["Cache-Control"]
    html = visit(client, "/en/about/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


def test_the_forms_on_a_cached_page_work_without_javascript_or_a_token(
    demo_site, mailoutbox, django_capture_on_commit_callbacks
):
    from bs4 import BeautifulSoup

    browser = Client(enforce_csrf_checks=True)
    visit(browser, "/zh-hans/about/")
    page = visit(browser, "/zh-hans/about/")
    assert page["X-Page-Cache"] == "hit"
    html = BeautifulSoup(page.content, "html.parser")

    footer = html.select_one("form.footer-newsletter")
    fields = {i["name"]: i.get("value", "") for i in footer.select("input[name]")}
    fields["email"] = "reader@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        answer = browser.post(footer["action"], fields, HTTP_ORIGIN="http://testserver")
    assert answer.status_code == 200
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]
    forged = Client(enforce_csrf_checks=True).post(
        footer["action"], {**fields, "email": "victim@example.com"}, HTTP_ORIGIN="https://evil.example"
    )
    assert forged.status_code == 403 and len(mailoutbox) == 1

    search = html.select_one("form.search-box")
    assert search["method"] == "get"
    assert browser.get(search["action"], {"q": "弄堂"}).status_code == 200

    banner = html.select_one("form.cookie-form")
    chosen = browser.post(
        banner["action"],
        {"choice": "reject_all", "next": banner.select_one('input[name="next"]')["value"]},
        HTTP_ORIGIN="http://testserver",
    )
    assert chosen.status_code == 302 and chosen["Location"] == "/zh-hans/about/"
