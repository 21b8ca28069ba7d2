"""R-CMS-2: every editorial page in English and Chinese, switching keeps your place."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from core.translation import translate
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher_links(response):
    nav = html(response).select_one("nav.language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.select("a[hreflang]")}


def test_home_renders_in_both_languages_with_the_right_html_lang(client, demo_site):
    english = client.get("/en/")
    chinese = client.get("/zh-hans/")
    assert english.status_code == chinese.status_code == 200
    assert html(english).html["lang"] == "en"
    assert html(chinese).html["lang"] == "zh-hans"
    assert "Welcome to Longtang" in english.content.decode()
    assert "欢迎来到弄堂" in chinese.content.decode()
    assert "跳到正文" in chinese.content.decode()  # UI strings are translated too


def test_switcher_on_a_translated_page_links_to_its_translation(client, demo_site):
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert switcher_links(response) == {"zh-hans": "/zh-hans/about/"}
    chinese = client.get("/zh-hans/about/")
    assert "关于我们" in chinese.content.decode()
    assert switcher_links(chinese) == {"en": "/en/about/"}


def test_switcher_on_an_untranslated_page_falls_back_to_the_other_home(client, demo_site):
    home = demo_site["home"]
    home.add_child(instance=StandardPage(title="Only in English", slug="english-only"))
    response = client.get("/en/english-only/")
    assert response.status_code == 200
    assert switcher_links(response) == {"zh-hans": "/zh-hans/"}


def test_untranslated_page_is_not_served_under_the_chinese_prefix(client, demo_site):
    demo_site["home"].add_child(instance=StandardPage(title="Only in English", slug="english-only"))
    response = client.get("/zh-hans/english-only/")
    assert response.status_code == 404
    assert "找不到该页面" in response.content.decode()


def test_synchronised_slug_and_translated_title(demo_site):
    about_zh = demo_site["about"].get_translation(Locale.objects.get(language_code="zh-hans"))
    assert about_zh.slug == "about"
    assert about_zh.title == "关于我们"


def test_translation_follows_the_source_when_resynchronised(client, demo_site):
    about = demo_site["about"]
    about.introduction = "Longtang is a lane neighbourhood, online."
    about.save_revision().publish()
    translate(about, "zh-hans", {"Longtang is a lane neighbourhood, online.": "弄堂是网上的里弄。"})
    assert "弄堂是网上的里弄。" in client.get("/zh-hans/about/").content.decode()


def test_main_menu_and_footer_show_pages_in_the_visitors_language(client, demo_site):
    page = html(client.get("/zh-hans/"))
    assert [a.get_text() for a in page.select("nav.main-nav a")] == ["关于我们", "分类信息"]
    footer = {a.get_text(): a["href"] for a in page.select(".footer-links a")}
    assert footer["关于我们"] == "/zh-hans/about/"
    assert "About" not in footer


def test_each_locale_has_exactly_one_home(demo_site):
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en", "zh-hans"]
