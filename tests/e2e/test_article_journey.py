"""A visitor reads an article in English, switches to Chinese, lands on the Chinese
article and follows one of its tags."""

import pytest

from tests.factories import articles as factories

pytestmark = pytest.mark.e2e


def test_reader_switches_an_article_to_chinese_and_follows_a_tag(page, live_server, demo_site):
    guide = factories.guide()
    food = factories.topic()
    mei = factories.author()
    factories.make_article(
        guide, "Dumpling Trail", topic=food, tags=["dumplings"], authors=[mei], zh="饺子之路", sponsored=True
    )
    factories.make_article(guide, "Noodle Night", topic=food, tags=["dumplings"], zh="面条之夜")

    page.goto(f"{live_server.url}/en/guide/")
    page.get_by_role("link", name="Dumpling Trail").click()
    page.wait_for_url(f"{live_server.url}/en/guide/dumpling-trail/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dumpling Trail"
    assert page.locator(".article-header .badge-sponsored").inner_text() == "Sponsored"
    assert page.locator('link[rel="alternate"][hreflang="zh-hans"]').get_attribute("href") == (
        f"{live_server.url}/zh-hans/guide/dumpling-trail/"
    )

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/guide/dumpling-trail/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "饺子之路"
    assert "陈梅" in page.locator(".article-meta").inner_text()

    page.get_by_role("navigation", name="标签").get_by_role("link", name="dumplings").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/guide/tag/dumplings/")
    assert page.get_by_role("heading", level=1).inner_text() == "标签为“dumplings”的文章"
    titles = page.locator(".article-card h3").all_inner_texts()
    assert sorted(titles) == ["面条之夜", "饺子之路"]

    # Switching back keeps the tag.
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/guide/tag/dumplings/")
    assert sorted(page.locator(".article-card h3").all_inner_texts()) == ["Dumpling Trail", "Noodle Night"]
