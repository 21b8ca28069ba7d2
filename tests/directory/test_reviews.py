"""R-POST-4: one review per member per venue, moderated, with a correct average."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from directory import reviews
from directory.models import Review, ReviewReport, VenueRating
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")


@pytest.fixture
def reviewer(client, db):
    user = verified_user(username="mei", email="mei@example.com")
    client.force_login(user)
    return user


def write(client, venue, rating=5, text="Great noodles."):
    return client.post(f"/en/venue-reviews/venues/{venue.pk}/review/", {"rating": rating, "text": text})


def average(venue):
    rating = VenueRating.objects.filter(translation_key=venue.translation_key).first()
    return (float(rating.average), rating.count) if rating else (0.0, 0)


def test_a_review_waits_for_moderation_then_counts(client, venue, reviewer, admin_user):
    response = write(client, venue)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == Review.Status.PENDING
    assert average(venue) == (0.0, 0)
    assert "Great noodles." not in client.get(venue.url).content.decode()
    reviews.set_status(review, Review.Status.PUBLISHED, moderator=admin_user)
    assert average(venue) == (5.0, 1)
    assert "Great noodles." in client.get(venue.url).content.decode()


def test_a_second_review_by_the_same_member_edits_the_first(client, venue, reviewer):
    write(client, venue, rating=5)
    write(client, venue, rating=2, text="Changed my mind.")
    assert Review.objects.count() == 1
    assert Review.objects.get().rating == 2


def test_the_chinese_page_of_the_same_venue_shares_the_one_review(client, venue, reviewer):
    write(client, venue)
    chinese = venue.get_translation(Locale.objects.get(language_code="zh-hans"))
    write(client, chinese, rating=3)
    assert Review.objects.count() == 1
    assert Review.objects.get().venue_id == venue.pk


def test_the_database_refuses_a_duplicate_review(venue, reviewer):
    from django.db import IntegrityError, transaction

    Review.objects.create(venue=venue, author=reviewer, rating=4, text="One")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(venue=venue, author=reviewer, rating=5, text="Two")


def test_the_average_stays_right_after_edits_and_removals(venue, admin_user):
    members = [UserFactory() for _ in range(3)]
    written = [
        Review.objects.create(venue=venue, author=m, rating=r, text="x")
        for m, r in zip(members, [5, 4, 1], strict=True)
    ]
    for review in written:
        reviews.set_status(review, Review.Status.PUBLISHED, admin_user)
    assert average(venue) == (3.33, 3)
    written[2].rating = 4
    reviews.save_by_author(written[2])  # an edit goes back to moderation
    assert average(venue) == (4.5, 2)
    reviews.set_status(written[2], Review.Status.PUBLISHED, admin_user)
    assert average(venue) == (4.33, 3)
    reviews.set_status(written[0], Review.Status.REMOVED, admin_user, reason="Spam")
    assert average(venue) == (4.0, 2)
    reviews.delete_by_author(written[1])
    assert average(venue) == (4.0, 1)


@pytest.mark.parametrize(
    "data",
    [
        {"rating": 6, "text": "x"},
        {"rating": 0, "text": "x"},
        {"rating": "abc", "text": "x"},
        {"rating": 5, "text": ""},
        {"rating": 5, "text": "x" * 3001},
        {"rating": 5, "text": "evil\u202etxt"},
    ],
)
def test_bad_reviews_are_refused(client, venue, reviewer, data):
    response = client.post(f"/en/venue-reviews/venues/{venue.pk}/review/", data)
    assert response.status_code == 200
    assert Review.objects.count() == 0


def test_reviews_are_rendered_as_text(client, venue, reviewer, admin_user):
    write(client, venue, text="<script>alert(1)</script>")
    reviews.set_status(Review.objects.get(), Review.Status.PUBLISHED, admin_user)
    body = client.get(venue.url).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_unverified_members_cannot_review(client, venue):
    client.force_login(UserFactory(username="fresh"))
    write(client, venue)
    assert Review.objects.count() == 0


def test_members_only_delete_their_own_reviews(client, venue, reviewer):
    other = Review.objects.create(venue=venue, author=UserFactory(), rating=3, text="Theirs")
    assert client.post(f"/en/venue-reviews/reviews/{other.pk}/delete/").status_code == 404
    assert Review.objects.filter(pk=other.pk).exists()


def test_a_review_can_be_reported_once_per_member(client, venue, reviewer, admin_user):
    other = Review.objects.create(venue=venue, author=UserFactory(), rating=1, text="Terrible")
    reviews.set_status(other, Review.Status.PUBLISHED, admin_user)
    client.post(f"/en/venue-reviews/reviews/{other.pk}/report/")
    client.post(f"/en/venue-reviews/reviews/{other.pk}/report/")
    assert ReviewReport.objects.filter(review=other).count() == 1


def test_json_ld_carries_the_aggregate_rating(client, venue, admin_user):
    review = Review.objects.create(venue=venue, author=UserFactory(), rating=4, text="Good")
    reviews.set_status(review, Review.Status.PUBLISHED, admin_user)
    soup = BeautifulSoup(client.get(venue.url).content.decode(), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "LocalBusiness"
    assert data["aggregateRating"]["ratingValue"] == "4.00" and data["aggregateRating"]["reviewCount"] == 1


def test_moderators_publish_reviews_in_bulk(admin_client, venue):
    written = [Review.objects.create(venue=venue, author=UserFactory(), rating=5, text="x") for _ in range(2)]
    ids = "&".join(f"id={r.pk}" for r in written)
    admin_client.post(f"/admin/bulk/directory/review/publish_reviews/?{ids}")
    assert average(venue) == (5.0, 2)


def test_dashboard_lists_my_reviews(client, venue, reviewer):
    write(client, venue)
    body = client.get("/en/accounts/my-posts/").content.decode()
    assert "Lane Noodles" in body and "Waiting for moderation" in body


def test_published_reviews_are_found_by_the_site_search(
    client, venue, admin_user, django_capture_on_commit_callbacks
):
    found = Review.objects.create(
        venue=venue, author=UserFactory(), rating=5, text="Hand-pulled noodles, superb broth"
    )
    hidden = Review.objects.create(
        venue=venue, author=UserFactory(), rating=1, text="Broth was cold and superb rude"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reviews.set_status(found, Review.Status.PUBLISHED, admin_user)
        reviews.set_status(hidden, Review.Status.REMOVED, admin_user, reason="Abuse")
    body = client.get("/en/search/", {"q": "superb", "type": "reviews"}).content.decode()
    assert "Hand-pulled noodles" in body and "cold and superb rude" not in body
    assert "Lane Noodles" in body
    chinese = client.get("/zh-hans/search/", {"q": "superb", "type": "reviews"}).content.decode()
    assert "弄堂面馆" in chinese
