"""A visitor browses a category in Chinese, filters by district, opens a venue and
switches to English on the same venue (R-CMS-2, R-CMS-3)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.directory import make_venue

pytestmark = pytest.mark.e2e


def test_filter_in_chinese_then_switch_language_on_the_venue(page, live_server, restaurants):
    make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")
    make_venue(restaurants, "Xuhui Grill", district="xuhui", station="xujiahui", zh="徐汇烧烤")
    page.goto(f"{live_server.url}/zh-hans/directory/restaurants/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.select_option("select[name=district]", label="徐汇区")  # Chinese readers see Chinese names only
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r".*district=xuhui.*"))
    cards = page.locator(".listing-card h3 a")
    expect(cards).to_have_text(["徐汇烧烤"])
    cards.first.click()
    expect(page).to_have_url(re.compile(r".*/zh-hans/directory/restaurants/xuhui-grill/$"))
    page.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/directory/restaurants/xuhui-grill/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xuhui Grill")
