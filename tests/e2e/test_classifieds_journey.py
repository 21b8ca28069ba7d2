"""A member posts a flat with two photos, an editor approves it, a visitor finds it
by district and price, the owner refreshes it and then deletes it (R-POST-1…6)."""

import io
import re

import pytest
from PIL import Image

from classifieds.models import Listing, Status
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def photo(path, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def log_in(page, base, login):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/my-posts/$"))


def test_post_approve_find_bump_delete(
    browser, live_server, demo_site, tmp_path, django_db_serialized_rollback
):
    base = live_server.url
    verified_user(username="mei", email="mei@example.com")
    UserFactory(username="editor", is_staff=True, is_superuser=True)

    owner = browser.new_context(locale="en-GB").new_page()
    log_in(owner, base, "mei")
    owner.goto(f"{base}/en/classifieds/housing/post/")
    owner.fill("input[name=title]", "Sunny loft on Yuyuan Road")
    owner.fill("textarea[name=description]", "Bright loft, quiet lane, near Line 2.")
    owner.select_option("select[name=district]", label="Jing'an / 静安区")
    owner.fill("input[name=price]", "9800")
    owner.fill("input[name=bedrooms]", "2")
    owner.set_input_files(
        "input[name=photos]",
        [photo(tmp_path / "a.jpg", (200, 80, 60)), photo(tmp_path / "b.jpg", (60, 80, 200))],
    )
    owner.locator("main form button[name=submit]").click()
    owner.wait_for_url(re.compile(r".*/en/classifieds/housing/\d+-sunny-loft-on-yuyuan-road/$"))
    assert owner.get_by_text("A moderator will check your listing shortly.").is_visible()
    listing = Listing.objects.get(title="Sunny loft on Yuyuan Road")
    assert listing.status == Status.PENDING and listing.photos.count() == 2

    editor = browser.new_context(locale="en-GB").new_page()
    editor.goto(f"{base}/admin/login/")
    editor.fill("input[name=username]", "editor")
    editor.fill("input[name=password]", PASSWORD)
    editor.locator("button[type=submit]").click()
    editor.wait_for_url(re.compile(r".*/admin/$"))
    editor.goto(f"{base}/admin/snippets/classifieds/listing/?status=pending")
    editor.get_by_role("link", name="Moderate").first.click()
    editor.get_by_role("button", name="Approve and publish").click()
    editor.wait_for_load_state()
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{base}/en/classifieds/housing/")
    visitor.select_option("select[name=district]", label="Jing'an / 静安区")
    visitor.fill("input[name=price_max]", "10000")
    visitor.get_by_role("button", name="Show listings").click()
    visitor.wait_for_url(re.compile(r".*district=jingan.*price_max=10000.*"))
    visitor.get_by_role("link", name="Sunny loft on Yuyuan Road").click()
    assert visitor.locator(".gallery img").count() == 2
    detail_url = visitor.url

    owner.goto(detail_url)
    owner.get_by_role("button", name="Refresh (move to top)").click()
    assert owner.get_by_text("Your listing is back at the top.").is_visible()
    owner.get_by_role("link", name="Delete").click()
    owner.get_by_role("button", name="Yes, delete it").click()
    assert owner.get_by_text("Your listing is deleted.").is_visible()

    response = visitor.goto(detail_url)
    assert response.status == 410
    visitor.goto(f"{base}/en/classifieds/housing/?district=jingan")
    assert "Sunny loft on Yuyuan Road" not in visitor.content()
    feed = visitor.request.get(f"{base}/en/classifieds/housing/feed/")
    assert "Sunny loft on Yuyuan Road" not in feed.text()
    visitor.goto(f"{base}/en/search/?q=Yuyuan&type=listings")
    assert "Sunny loft on Yuyuan Road" not in visitor.locator("main").inner_text()
