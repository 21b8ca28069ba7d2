"""R-LOG-2: consent-managed cookies. Plain forms (no JavaScript), accept all / reject
all / per group, every choice logged, analytics and ad snippets only after consent, and
no visitor's consent state leaking through a cache."""

import re

import pytest
from bs4 import BeautifulSoup
from cookie_consent.models import ACTION_ACCEPTED, ACTION_DECLINED, CookieGroup, LogItem
from django.test import Client

from privacy.models import ConsentScripts
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

ANALYTICS = '<script id="analytics-probe">window.analyticsLoaded = true;</script>'
ADS = '<script id="ads-probe">window.adsLoaded = true;</script>'


def emitted(snippet, html):
    """Whether the editors' ``snippet`` is in the page, with the nonce the
    Content-Security-Policy gives every script it lets run."""
    pattern = re.escape(snippet).replace(re.escape("<script "), r'<script (?:nonce="[^"]+" )?', 1)
    return re.search(pattern, html) is not None


@pytest.fixture
def scripts(db):
    setting = ConsentScripts.load()
    setting.analytics_snippet = ANALYTICS
    setting.advertising_snippet = ADS
    setting.save()
    return setting


def banner(response):
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("section.cookie-banner")


def choose(client, next_url="/en/about/", **data):
    return client.post("/consent/", {"next": next_url, **data})


def test_the_four_groups_exist_and_only_necessary_is_required():
    groups = {g.varname: g for g in CookieGroup.objects.all()}
    assert set(groups) == {"necessary", "preferences", "analytics", "advertising"}
    assert groups["necessary"].is_required and not groups["necessary"].is_deletable
    assert not any(groups[v].is_required for v in ("preferences", "analytics", "advertising"))
    necessary_cookies = set(groups["necessary"].cookie_set.values_list("name", flat=True))
    assert {"sessionid", "csrftoken", "longtang_language", "cookie_consent"} <= necessary_cookies


def test_a_first_visit_shows_a_banner_that_works_without_javascript(client, demo_site):
    section = banner(client.get("/en/about/"))
    form = section.select_one("form")
    assert form["method"] == "post" and form["action"] == "/consent/"
    # No CSRF token: the page stays cacheable and gives the visitor no cookie.
    assert not form.select_one('input[name="csrfmiddlewaretoken"]')
    assert form.select_one('input[name="next"]')["value"] == "/en/about/"
    buttons = {b["value"]: b.get_text(strip=True) for b in form.select("button[name=choice]")}
    assert buttons == {"accept_all": "Accept all", "reject_all": "Reject all", "save": "Save my choices"}
    assert {i["value"] for i in form.select('input[name="groups"]')} == {
        "preferences",
        "analytics",
        "advertising",
    }
    assert not section.select("script")


def test_the_banner_speaks_chinese_on_chinese_pages(client, demo_site):
    section = banner(client.get("/zh-hans/"))
    text = section.get_text()
    assert "全部接受" in text and "全部拒绝" in text
    assert "分析" in text


def test_reject_all_hides_the_banner_loads_nothing_and_deletes_analytics_cookies(client, demo_site, scripts):
    client.cookies["_ga"] = "GA1.2.123.456"
    response = choose(client, choice="reject_all")
    assert response.status_code == 302 and response["Location"] == "/en/about/"
    assert response.cookies["_ga"]["max-age"] == 0  # the analytics cookie is removed
    assert set(LogItem.objects.values_list("cookiegroup__varname", "action")) == {
        ("preferences", ACTION_DECLINED),
        ("analytics", ACTION_DECLINED),
        ("advertising", ACTION_DECLINED),
    }
    page = client.get("/en/about/")
    html = page.content.decode()
    assert banner(page) is None
    assert "analytics-probe" not in html and "ads-probe" not in html
    assert "_ga" not in client.cookies or client.cookies["_ga"].value == ""


def test_an_analytics_cookie_without_consent_is_removed_on_any_page(client, demo_site):
    client.cookies["_ga"] = "GA1.2.123.456"
    response = client.get("/en/about/")
    assert response.cookies["_ga"]["max-age"] == 0


def test_accept_all_emits_both_snippets(client, demo_site, scripts):
    choose(client, choice="accept_all")
    assert LogItem.objects.filter(action=ACTION_ACCEPTED).count() == 3
    html = client.get("/en/about/").content.decode()
    assert emitted(ANALYTICS, html) and emitted(ADS, html)
    assert banner(client.get("/en/about/")) is None


def test_a_visitor_can_accept_one_group_and_decline_the_others(client, demo_site, scripts):
    choose(client, choice="save", groups=["analytics"])
    html = client.get("/en/about/").content.decode()
    assert emitted(ANALYTICS, html)
    assert not emitted(ADS, html)
    assert set(LogItem.objects.values_list("cookiegroup__varname", "action")) == {
        ("analytics", ACTION_ACCEPTED),
        ("preferences", ACTION_DECLINED),
        ("advertising", ACTION_DECLINED),
    }


def test_undecided_visitors_get_no_snippet(client, demo_site, scripts):
    html = client.get("/en/about/").content.decode()
    assert "analytics-probe" not in html and "ads-probe" not in html


def test_the_footer_link_reopens_the_choices_showing_the_current_state(client, demo_site, scripts):
    choose(client, choice="save", groups=["analytics"])
    about = BeautifulSoup(client.get("/en/about/").content.decode(), "html.parser")
    link = about.select_one("footer").find("a", string="Cookie settings")
    assert link["href"] == "/en/privacy/cookies/"
    page = client.get(link["href"])
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.select_one("section.cookie-banner") is None  # the page itself is the form
    assert soup.select_one('input[name="groups"][value="analytics"]').has_attr("checked")
    assert not soup.select_one('input[name="groups"][value="advertising"]').has_attr("checked")
    assert soup.select_one('input[name="next"]')["value"] == "/en/privacy/cookies/"
    assert "_ga" in page.content.decode()  # each group lists its cookies
    # Changing one's mind: decline analytics again.
    choose(client, "/en/privacy/cookies/", choice="save", groups=[])
    assert not emitted(ANALYTICS, client.get("/en/about/").content.decode())


def test_the_cookie_settings_page_is_bilingual(client, demo_site):
    html = client.get("/zh-hans/privacy/cookies/").content.decode()
    assert "Cookie 设置" in html
    assert "保存我的选择" in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/phish", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""]
)
def test_the_consent_endpoint_never_redirects_off_site(client, demo_site, target):
    response = choose(client, target, choice="reject_all")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_crafted_next_cannot_inject_headers(client, demo_site):
    response = choose(client, "/en/about/\r\nX-Injected: yes", choice="reject_all")
    assert response["Location"].startswith("/en/about/")
    assert "X-Injected" not in response.headers


def test_the_consent_endpoint_refuses_posts_from_other_sites(demo_site):
    assert Client().get("/consent/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    for headers in (
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ):
        response = strict.post("/consent/", {"choice": "accept_all"}, **headers)
        assert response.status_code == 403
        assert "cookie_consent" not in response.cookies
    assert LogItem.objects.count() == 0
    same_site = strict.post(
        "/consent/",
        {"choice": "accept_all", "next": "/en/about/"},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert same_site.status_code == 302 and "cookie_consent" in same_site.cookies
    assert LogItem.objects.count() > 0


def test_the_refusal_is_in_the_visitors_language(demo_site):
    response = Client().post(
        "/consent/",
        {"choice": "accept_all"},
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 403
    assert response.content.decode() == "此表单只能从本站提交。"


def test_unknown_groups_in_the_form_are_ignored(client, demo_site, scripts):
    choose(client, choice="save", groups=["analytics", "necessary", "<script>", "x" * 300])
    assert set(
        LogItem.objects.filter(action=ACTION_ACCEPTED).values_list("cookiegroup__varname", flat=True)
    ) == {"analytics"}


def test_consent_endpoints_live_outside_the_language_prefixes(client, demo_site):
    response = client.post("/consent/", {"choice": "reject_all"}, headers={"accept-language": "zh-CN"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/consent/status/").json()["declinedCookieGroups"] == [
        "preferences",
        "analytics",
        "advertising",
    ]


def test_every_page_that_depends_on_consent_varies_on_cookie(client, demo_site):
    assert "Cookie" in client.get("/en/about/")["Vary"]
    choose(client, choice="accept_all")
    assert "Cookie" in client.get("/en/about/")["Vary"]


def test_a_page_cache_never_hands_one_visitors_consent_to_another(demo_site, scripts, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "consent-pages"},
    }
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_ALIAS = "pages"
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    accepting, declining, newcomer = Client(), Client(), Client()
    choose(accepting, choice="accept_all")
    choose(declining, choice="reject_all")

    first = accepting.get("/en/about/").content.decode()
    again = accepting.get("/en/about/").content.decode()
    assert emitted(ANALYTICS, first) and emitted(ANALYTICS, again)
    declined = declining.get("/en/about/")
    assert not emitted(ANALYTICS, declined.content.decode()) and banner(declined) is None
    fresh = newcomer.get("/en/about/")
    assert not emitted(ANALYTICS, fresh.content.decode())
    assert banner(fresh) is not None


def test_signed_in_members_choose_the_same_way(client, demo_site, scripts):
    client.force_login(UserFactory(username="consenting"))
    choose(client, choice="save", groups=["advertising"])
    html = client.get("/en/about/").content.decode()
    assert emitted(ADS, html) and not emitted(ANALYTICS, html)


def test_the_snippets_are_site_settings_editable_in_the_admin(client, scripts):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    response = client.get("/admin/settings/privacy/consentscripts/", follow=True)
    assert response.status_code == 200
    assert "analytics-probe" in response.content.decode()


def test_staff_manage_cookie_groups_and_cookies_in_the_wagtail_admin(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    home = client.get("/admin/").content.decode()
    assert "Cookie groups" in home and "Traffic" in home
    listing = client.get("/admin/cookiegroup/")
    assert listing.status_code == 200
    assert "advertising" in listing.content.decode()
    assert client.get("/admin/cookie/").status_code == 200
