"""Reviews are read in both languages: written on either page of a venue, they show
on both, labelled with their language and marked with the right lang attribute."""

import importlib

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from directory import reviews
from directory.models import Review
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")


@pytest.fixture
def chinese_venue(venue):
    return venue.get_translation(Locale.objects.get(language_code="zh-hans"))


def publish(review, admin_user):
    reviews.set_status(review, Review.Status.PUBLISHED, moderator=admin_user)


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        article.select_one(".review-text").get_text(): article for article in soup.select("article.review")
    }


def test_the_language_is_guessed_when_the_review_is_saved(venue):
    chinese = Review.objects.create(venue=venue, author=UserFactory(), rating=5, text="面很好吃，汤也不错。")
    english = Review.objects.create(venue=venue, author=UserFactory(), rating=4, text="Great noodles.")
    assert (chinese.language, english.language) == ("zh-hans", "en")
    chinese.text = "Changed to English."
    chinese.save()
    chinese.refresh_from_db()
    assert chinese.language == "en"


def test_a_chinese_review_written_on_the_chinese_page_shows_on_the_english_one(
    client, venue, chinese_venue, admin_user
):
    member = verified_user(username="mei", email="mei@example.com")
    client.force_login(member)
    response = client.post(
        f"/zh-hans/venue-reviews/venues/{chinese_venue.pk}/review/", {"rating": 5, "text": "面很好吃。"}
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.language == "zh-hans"
    publish(review, admin_user)
    client.logout()
    english = shown(client, venue.url)["面很好吃。"]
    assert english.select_one(".review-text")["lang"] == "zh-Hans"
    assert english.select_one(".content-language").get_text() == "In Chinese"
    chinese = shown(client, "/zh-hans/directory/restaurants/lane-noodles/")["面很好吃。"]
    assert chinese.select_one(".content-language") is None  # in the page's own language


def test_an_english_review_shows_on_the_chinese_page_labelled(client, venue, admin_user):
    review = Review.objects.create(venue=venue, author=UserFactory(), rating=4, text="Great noodles.")
    publish(review, admin_user)
    chinese = shown(client, "/zh-hans/directory/restaurants/lane-noodles/")["Great noodles."]
    assert chinese.select_one(".review-text")["lang"] == "en"
    assert chinese.select_one(".content-language").get_text() == "英文"
    english = shown(client, venue.url)["Great noodles."]
    assert english.select_one(".content-language") is None


def test_reviews_attached_to_the_chinese_page_show_on_the_english_page(
    client, venue, chinese_venue, admin_user
):
    """A venue first created in Chinese keeps its reviews on the Chinese page."""
    review = Review.objects.create(venue=chinese_venue, author=UserFactory(), rating=3, text="还行。")
    publish(review, admin_user)
    assert "还行。" in shown(client, venue.url)
    assert "还行。" in shown(client, "/zh-hans/directory/restaurants/lane-noodles/")


def test_the_migration_fills_the_language_of_existing_reviews(venue):
    from django.apps import apps

    review = Review.objects.create(venue=venue, author=UserFactory(), rating=5, text="服务很好。")
    Review.objects.filter(pk=review.pk).update(language="en")  # as before the field existed
    migration = importlib.import_module("directory.migrations.0006_review_language")
    migration.fill_languages(apps, None)
    review.refresh_from_db()
    assert review.language == "zh-hans"
