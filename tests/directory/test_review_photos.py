"""R-POST-4: a review may carry a few photos, cleaned of location data, shown only
once the review is published, and removable only by their author."""

from pathlib import Path

import pytest
from PIL import Image

from directory import reviews
from directory.models import Review, ReviewPhoto
from tests.accounts import images
from tests.factories.directory import make_venue
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")


@pytest.fixture
def reviewer(client, db):
    user = verified_user(username="mei", email="mei@example.com")
    client.force_login(user)
    return user


def write(client, venue, photos=(), **extra):
    data = {"rating": 4, "text": "Lovely broth.", "photos": list(photos), **extra}
    return client.post(f"/en/venue-reviews/venues/{venue.pk}/review/", data)


def test_photos_are_stored_without_location_and_shown_once_published(
    client, venue, reviewer, admin_user, settings, django_capture_on_commit_callbacks
):
    assert write(client, venue, [images.jpeg_with_gps(), images.png()]).status_code == 302
    review = Review.objects.get()
    photos = list(review.photos.all())
    assert len(photos) == 2
    for photo in photos:
        assert photo.image.name.endswith(".webp")
        with Image.open(photo.image.path) as stored:
            assert stored.format == "WEBP"
            assert not stored.getexif()  # no camera, no GPS
    assert photos[0].image.url not in client.get(venue.url).content.decode()  # pending: not shown

    reviews.set_status(review, Review.Status.PUBLISHED, admin_user)
    for url in (venue.url, "/zh-hans/directory/restaurants/lane-noodles/"):
        body = client.get(url).content.decode()
        assert all(photo.image.url in body for photo in photos)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/venue-reviews/reviews/{review.pk}/delete/")
    assert ReviewPhoto.objects.count() == 0
    assert not any(Path(photo.image.path).exists() for photo in photos)  # the files went with the rows


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (images.not_an_image, "not an image we can read"),
        (images.decompression_bomb, "too many pixels"),
        (images.huge_file, "10"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_saved(client, venue, reviewer, upload, message):
    response = write(client, venue, [upload()])
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["photos"])
    assert Review.objects.count() == 0 and ReviewPhoto.objects.count() == 0


def test_at_most_four_photos(client, venue, reviewer):
    response = write(client, venue, [images.png(f"{n}.png") for n in range(5)])
    assert "at most 4 photos" in response.content.decode()
    assert Review.objects.count() == 0
    write(client, venue, [images.png(f"{n}.png") for n in range(3)])
    response = write(client, venue, [images.png("a.png"), images.png("b.png")])
    assert "at most 4 photos" in response.content.decode()
    assert ReviewPhoto.objects.count() == 3


def test_the_author_removes_their_own_photos_only(client, venue, reviewer, restaurants):
    other_venue = make_venue(restaurants, "Other Place")
    stranger = verified_user(username="tom")
    their_review = Review.objects.create(venue=other_venue, author=stranger, rating=5, text="Mine")
    reviews.add_photos(their_review, [images.png()])
    theirs = their_review.photos.get()

    write(client, venue, [images.png("one.png"), images.png("two.png")])
    mine = list(Review.objects.get(author=reviewer).photos.all())
    response = write(client, venue, remove_photos=[theirs.pk])
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(response.context["form"].errors["remove_photos"])
    assert ReviewPhoto.objects.filter(pk=theirs.pk).exists()

    assert write(client, venue, remove_photos=[mine[0].pk]).status_code == 302
    assert list(Review.objects.get(author=reviewer).photos.all()) == mine[1:]
