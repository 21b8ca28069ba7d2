"""A visitor browses under the strict Content-Security-Policy: the browser reports no
violation, the cookie banner and the search suggestions still work, and an accepted
analytics snippet still runs."""

import pytest
from playwright.sync_api import expect

from privacy.models import ConsentScripts
from tests.factories.directory import make_venue

pytestmark = pytest.mark.e2e


@pytest.fixture
def violations(page):
    """Console messages in which the browser reports a blocked resource or policy error."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    return found


def test_public_pages_run_their_scripts_without_a_policy_violation(
    page, live_server, demo_site, restaurants, violations
):
    make_venue(restaurants, "Lane Bistro", zh="弄堂小馆")
    scripts = ConsentScripts.load()
    scripts.analytics_snippet = '<script id="analytics-probe">window.analyticsLoaded = true;</script>'
    scripts.save()

    page.goto(f"{live_server.url}/en/")
    banner = page.get_by_role("region", name="Cookies on Longtang")
    expect(banner).to_be_visible()
    banner.get_by_role("button", name="Accept all").click()
    expect(page.get_by_role("region", name="Cookies on Longtang")).to_have_count(0)
    expect(page.locator("#analytics-probe")).to_have_count(1)
    assert page.evaluate("window.analyticsLoaded === true")

    page.goto(f"{live_server.url}/zh-hans/search/")
    box = page.get_by_label("你在找什么？")
    expect(box).to_be_visible()
    box.press_sequentially("弄堂小")
    suggestion = page.get_by_role("listbox").get_by_role("link", name="弄堂小馆")
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("弄堂小馆")

    page.goto(f"{live_server.url}/en/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About")
    assert violations == []
