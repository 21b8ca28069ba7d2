"""A visitor opens the home page, switches to Chinese and reads Chinese."""

import pytest

pytestmark = pytest.mark.e2e


def test_visitor_switches_the_home_page_to_chinese(page, live_server, demo_site):
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to Longtang"

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", level=1).inner_text() == "欢迎来到弄堂"

    # The chosen language stays: the about page opens in Chinese, and switches back.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="关于我们").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/about/")
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "About"
