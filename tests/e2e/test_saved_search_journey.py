"""A visitor filters flats, is asked to log in to save the search, saves it with an
instant alert, gets an email when a matching flat is published, then switches to a
daily digest and deletes the search (R-MAIL-5)."""

import re

import pytest
from django.core import mail

from classifieds import lifecycle
from classifieds.models import SavedSearch, Status
from tests.factories.classifieds import ListingFactory
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def test_save_a_search_get_an_alert_manage_it(browser, live_server, demo_site, django_db_serialized_rollback):
    base = live_server.url
    page = browser.new_context(locale="en-GB").new_page()
    verified_user(username="lin", email="lin@example.com")
    poster = verified_user(username="mei", email="mei@example.com")
    moderator = UserFactory(username="mod", is_staff=True)

    page.goto(f"{base}/en/classifieds/housing/")
    page.select_option("select[name=district]", label="Jing'an / 静安区")
    page.fill("input[name=price_max]", "10000")
    page.get_by_role("button", name="Show listings").click()
    page.wait_for_url(re.compile(r".*district=jingan.*price_max=10000.*"))
    page.get_by_role("link", name="Save this search").click()

    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
    page.fill("input[name=login]", "lin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/classifieds/housing/save-search/\?.*district=jingan.*"))
    assert page.get_by_text("Price to: 10000").is_visible()
    page.fill("input[name=name]", "Flats near work")
    page.get_by_label("Instantly, one email per new listing").check()
    page.get_by_role("button", name="Save search").click()

    page.wait_for_url(re.compile(r".*/en/classifieds/saved-searches/$"))
    assert page.get_by_text("Your search is saved.").is_visible()
    search = SavedSearch.objects.get(owner__username="lin")
    assert search.filters == {"district": "jingan", "price_max": "10000"}

    listing = ListingFactory(
        owner=poster, status=Status.PENDING, published_at=None, title="Loft on Yuyuan Road", price=9500
    )
    lifecycle.publish(listing, moderator)  # commits at once: the alert goes out on commit
    [alert] = [m for m in mail.outbox if m.to == ["lin@example.com"]]
    assert alert.subject == "New for “Flats near work”: Loft on Yuyuan Road"

    page.get_by_role("link", name="Flats near work", exact=True).click()
    assert page.get_by_role("link", name="Loft on Yuyuan Road").is_visible()
    page.go_back()

    page.select_option(f"#frequency-{search.pk}", "daily")
    page.get_by_role("button", name="Change Flats near work").click()
    assert page.get_by_text("Your alert for “Flats near work” is changed.").is_visible()
    search.refresh_from_db()
    assert search.frequency == "daily"

    page.get_by_role("link", name="Delete Flats near work").click()
    assert page.get_by_text("You will get no more emails about it.").is_visible()
    page.get_by_role("button", name="Delete it").click()
    assert page.get_by_text("You have no saved searches yet.").is_visible()
    assert not SavedSearch.objects.exists()
