"""A visitor rejects all cookies in Chinese, browses, reopens the cookie settings from
the footer, accepts analytics and sees the analytics script run (R-LOG-2)."""

import re

import pytest

from privacy.models import ConsentScripts

pytestmark = pytest.mark.e2e

SNIPPET = '<script id="analytics-probe">window.analyticsLoaded = true;</script>'


@pytest.fixture
def analytics_snippet(db):
    scripts = ConsentScripts.load()
    scripts.analytics_snippet = SNIPPET
    scripts.save()
    return scripts


def consent_cookie(page):
    return next((c["value"] for c in page.context.cookies() if c["name"] == "cookie_consent"), "")


def analytics_loaded(page):
    return page.evaluate("window.analyticsLoaded === true")


def test_reject_all_in_chinese_then_accept_analytics_from_the_footer(
    page, live_server, demo_site, analytics_snippet
):
    page.goto(f"{live_server.url}/zh-hans/")
    banner = page.get_by_role("region", name="弄堂使用的 Cookie")
    assert banner.is_visible()
    assert not analytics_loaded(page)

    banner.get_by_role("button", name="全部拒绝").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/")
    assert page.get_by_role("region", name="弄堂使用的 Cookie").count() == 0
    assert "analytics=-1" in consent_cookie(page)
    assert not analytics_loaded(page)
    assert page.locator("#analytics-probe").count() == 0

    # Browsing on: still no banner, still no analytics.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="关于我们").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/about/")
    assert page.get_by_role("region", name="弄堂使用的 Cookie").count() == 0
    assert not analytics_loaded(page)

    # Change of mind, from the footer.
    page.get_by_role("contentinfo").get_by_role("link", name="Cookie 设置").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/privacy/cookies/")
    analytics = page.locator('input[name="groups"][value="analytics"]')
    assert not analytics.is_checked()
    analytics.check()
    page.get_by_role("button", name="保存我的选择").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/privacy/cookies/")
    assert page.locator('input[name="groups"][value="analytics"]').is_checked()
    assert re.search(r"analytics=\d{4}-", consent_cookie(page))
    assert analytics_loaded(page)

    page.goto(f"{live_server.url}/zh-hans/about/")
    assert analytics_loaded(page)
