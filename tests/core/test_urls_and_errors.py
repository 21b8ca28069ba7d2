"""Locale prefixes, Accept-Language detection and 404s in the visitor's language."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.5", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, demo_site, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_chosen_language_cookie_wins_over_accept_language(client, demo_site, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/zh-hans/"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/no-such-page/", "Page not found"),
        ("/zh-hans/no-such-page/", "找不到该页面"),
        ("/en/%FF%FE/", "Page not found"),
        ("/zh-hans/%3Cscript%3Ealert(1)%3C/script%3E/", "找不到该页面"),
        ("/en/about/../../etc/passwd", "Page not found"),
        ("/en/about/" + "x" * 3000 + "/", "Page not found"),
    ],
)
def test_unknown_and_malformed_urls_give_a_404_in_the_visitors_language(client, demo_site, path, text):
    response = client.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert text in body
    assert "<script>alert(1)" not in body


def test_bad_locale_prefix_ends_in_a_404_in_the_visitors_language(client, demo_site):
    response = client.get("/fr/about/", headers={"accept-language": "zh-CN"}, follow=True)
    assert response.status_code == 404
    assert response.redirect_chain[-1][0] == "/zh-hans/fr/about/"
    assert "找不到该页面" in response.content.decode()


def test_404_page_offers_a_way_home_and_a_language_switch(client, demo_site):
    soup = BeautifulSoup(client.get("/zh-hans/nowhere/").content.decode(), "html.parser")
    assert soup.select_one("main a")["href"] == "/zh-hans/"
    assert soup.select_one('nav.language-switcher a[hreflang="en"]')["href"] == "/en/"


def test_machine_endpoints_are_not_redirected_to_a_locale(client, db):
    response = client.get("/healthz", headers={"accept-language": "zh-CN"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/en/members/%00/", "/en/payments/invoices/x%00y/", "/en/classifieds/%0d%0aSet-Cookie:x/"]
)
def test_control_characters_in_an_address_answer_400_not_500(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_the_400_page_speaks_chinese_on_the_chinese_site(client):
    response = client.get("/zh-hans/members/%00/")
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()
