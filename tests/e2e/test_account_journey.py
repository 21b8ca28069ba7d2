"""A newcomer signs up, verifies by email, fills the profile in Chinese, logs out
and back in by email (R-ACC-1, R-ACC-2)."""

import re

import pytest
from django.core import mail

from accounts.models import Profile

pytestmark = pytest.mark.e2e

PASSWORD = "lantern festival 2026"


def test_sign_up_verify_fill_profile_in_chinese_and_log_in_by_email(page, live_server, demo_site):
    mail.outbox.clear()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Sign up").click()
    page.fill("input[name=username]", "xiaoli")
    page.fill("input[name=email]", "xiaoli@example.com")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/accounts/confirm-email/$"))
    assert "Verify Your Email Address" in page.content()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/accounts/my-posts/$"))
    assert "xiaoli@example.com" in page.content()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_url(re.compile(r".*/zh-hans/accounts/my-posts/$"))
    page.get_by_role("navigation", name="账号").get_by_role("link", name="设置").click()
    page.wait_for_url(re.compile(r".*/zh-hans/accounts/profile/$"))
    page.fill("input[name=display_name]", "小李")
    page.fill("textarea[name=bio]", "住在静安，喜欢骑车。")
    page.fill("input[name=phone]", "138 1234 5678")
    page.fill("input[name=wechat_id]", "xiaoli_sh")
    page.select_option("select[name=preferred_language]", "zh-hans")
    page.locator("main form button[type=submit]").click()
    assert page.get_by_text("你的资料已保存。").is_visible()
    profile = Profile.objects.get(user__username="xiaoli")
    assert (profile.display_name, profile.phone, profile.preferred_language) == (
        "小李",
        "+8613812345678",
        "zh-hans",
    )
    assert profile.email_verified

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="登录").is_visible()

    page.get_by_role("link", name="登录").click()
    page.fill("input[name=login]", "xiaoli@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/zh-hans/accounts/my-posts/$"))
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "小李" in page.content()
