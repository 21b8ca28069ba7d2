"""Someone signs up on the Chinese site, confirms from the email and lands on the
Chinese dashboard; every email they get is Chinese (R-ACC-2, R-MAIL)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Profile

pytestmark = pytest.mark.e2e

PASSWORD = "mid-autumn mooncake 2026"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_sign_up_in_chinese_confirm_and_land_on_the_chinese_dashboard(page, live_server, demo_site):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/zh-hans/")
    page.get_by_role("link", name="注册").click()
    expect(page).to_have_url(re.compile(r".*/zh-hans/accounts/signup/$"))
    page.fill("input[name=username]", "xiaowang")
    page.fill("input[name=email]", "xiaowang@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r".*/zh-hans/accounts/confirm-email/$"))
    expect(page.locator("main h1")).to_contain_text(CHINESE)

    (message,) = mail.outbox
    assert CHINESE.search(message.subject) and CHINESE.search(message.body)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    assert "/zh-hans/" in link

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^zh", re.IGNORECASE))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r".*/zh-hans/accounts/my-posts/$"))
    expect(page.locator("main")).to_contain_text("xiaowang@example.com")
    assert Profile.objects.get(user__username="xiaowang").preferred_language == "zh-hans"

    # Logging out and in again from the English site still lands in Chinese.
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("link", name="登录")).to_be_visible()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", "xiaowang")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r".*/zh-hans/accounts/my-posts/$"))
    assert all(CHINESE.search(m.subject) for m in mail.outbox)
