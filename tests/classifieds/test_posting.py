"""R-POST-1, R-LOG-3: posting each kind of listing, with hostile input refused."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from PIL import Image

from classifieds.models import Kind, Listing, ListingPhoto, Status
from core.models import District, MetroStation
from payments import ledger
from tests.accounts import images

pytestmark = pytest.mark.django_db


def housing_data(**changes):
    return {
        "title": "Sunny 2BR in Jing'an",
        "description": "South-facing, near Line 2.\nPets welcome.",
        "language": "en",
        "district": District.objects.get(code="jingan").pk,
        "station": MetroStation.objects.get(code="jingantemple").pk,
        "price": "9500",
        "deposit_terms": "1+1",
        "size_m2": "75",
        "bedrooms": "2",
        "bathrooms": "1",
        "furnished": "true",
        "available_from": "2026-12-01",
        "lease_months": "12",
        "lister_type": "owner",
        "show_wechat": "on",
        **changes,
    }


def errors(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(e.get_text(" ") for e in soup.select(".errorlist"))


def test_posting_needs_a_verified_email(client, db):
    from tests.factories.users import UserFactory

    client.force_login(UserFactory(username="fresh"))
    response = client.post("/en/classifieds/housing/post/", housing_data())
    assert Listing.objects.count() == 0
    assert "Verify Your Email Address" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/en/classifieds/housing/post/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_verified_member_posts_a_housing_listing_for_moderation(poster_client, poster):
    response = poster_client.post("/en/classifieds/housing/post/", housing_data())
    listing = Listing.objects.get()
    assert response.status_code == 302 and response["Location"] == listing.get_absolute_url()
    assert (listing.owner, listing.kind, listing.status) == (poster, Kind.HOUSING, Status.PENDING)
    assert listing.price == 9500 and listing.bedrooms == 2 and listing.furnished is True
    page = poster_client.get(response["Location"]).content.decode()
    assert "A moderator will check your listing shortly." in page
    assert "Waiting for moderation" in page


def test_saving_a_draft_keeps_it_private(poster_client, client):
    poster_client.post("/en/classifieds/housing/post/", housing_data(save_draft="1"))
    listing = Listing.objects.get()
    assert listing.status == Status.DRAFT
    poster_client.logout()
    assert client.get(listing.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        (
            "jobs",
            {
                "employer_name": "Lane Coffee",
                "role": "Barista",
                "job_type": "part-time",
                "salary_min": "6000",
                "salary_max": "8000",
                "industry": "Food",
                "visa_sponsorship": "false",
            },
            {"employer_name": "Lane Coffee", "job_type": "part-time"},
        ),
        (
            "buy-sell",
            {"price": "400", "item_category": "bikes", "condition": "good", "delivery_possible": "true"},
            {"item_category": "bikes", "price": 400},
        ),
        ("personals", {"adult": "on"}, {"kind": "personals"}),
    ],
)
def test_each_kind_has_its_own_fields(poster_client, poster, kind, data, expected):
    base = {
        "title": "A post",
        "description": "Details here.",
        "language": "en",
        "district": District.objects.get(code="xuhui").pk,
    }
    if kind == "jobs":
        ledger.adjust(poster, 1, "Test credit", None)  # a job post takes a credit
    response = poster_client.post(f"/en/classifieds/{kind}/post/", {**base, **data})
    assert response.status_code == 302, errors(response)
    listing = Listing.objects.get()
    for field, value in expected.items():
        assert getattr(listing, field) == value


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": "-5"}, "cannot be negative"),
        ({"price": "99999999"}, "not realistic"),
        ({"price": "abc"}, "Enter a number"),
        ({"price": ""}, "This field is required"),
        ({"bedrooms": "500"}, "less than or equal to 20"),
        ({"title": ""}, "This field is required"),
        ({"title": "x" * 121}, "at most 120 characters"),
        ({"title": "Flat \u202egnp.exe"}, "invisible control characters"),
        ({"description": "x" * 1_000_000}, "at most 5000 characters"),
        ({"district": "999999"}, "Select a valid choice"),
        ({"station": MetroStation.objects.none, "latitude": "31.2"}, "Give both latitude and longitude"),
        ({"latitude": "200", "longitude": "10"}, "less than or equal to 90"),
        ({"available_from": "not-a-date"}, "Enter a valid date"),
    ],
)
def test_bad_input_is_refused_clearly_and_creates_nothing(poster_client, changes, message):
    changes = {k: v for k, v in changes.items() if not callable(v)}
    response = poster_client.post("/en/classifieds/housing/post/", housing_data(**changes))
    assert response.status_code == 200
    assert message in errors(response)
    assert Listing.objects.count() == 0


def test_station_must_be_in_the_chosen_district(poster_client):
    response = poster_client.post(
        "/en/classifieds/housing/post/", housing_data(district=District.objects.get(code="pudong").pk)
    )
    assert "This station is not in the chosen district." in errors(response)


def test_script_in_the_text_is_shown_as_text_never_run(poster_client, client):
    poster_client.post(
        "/en/classifieds/housing/post/",
        housing_data(title="<script>alert('x')</script> flat", description="<img src=x onerror=alert(1)>"),
    )
    listing = Listing.objects.get()
    listing.status = Status.PUBLISHED
    listing.save()
    body = client.get(listing.get_absolute_url()).content.decode()
    assert "<script>alert('x')</script>" not in body
    assert "<img src=x onerror" not in body
    assert "&lt;script&gt;" in body


def test_forged_kind_status_and_owner_fields_are_ignored(poster_client, poster, stranger):
    poster_client.post(
        "/en/classifieds/housing/post/",
        housing_data(kind="jobs", status="published", owner=stranger.pk, moderated_by=stranger.pk),
    )
    listing = Listing.objects.get()
    assert (listing.kind, listing.status, listing.owner, listing.moderated_by) == (
        "housing",
        "pending",
        poster,
        None,
    )


def test_unknown_kind_is_a_404(poster_client):
    assert poster_client.get("/en/classifieds/cars/post/").status_code == 404


def test_personals_refuse_contact_details_in_the_text(poster_client):
    base = {
        "title": "Coffee?",
        "language": "en",
        "district": District.objects.get(code="xuhui").pk,
        "adult": "on",
    }
    for text in ["add my wechat lily88", "call +86 138 1234 5678", "mail me lily@example.com", "加我微信"]:
        response = poster_client.post("/en/classifieds/personals/post/", {**base, "description": text})
        assert "may not contain phone numbers" in errors(response)
    response = poster_client.post(
        "/en/classifieds/personals/post/", {**base, "description": "Hi", "adult": ""}
    )
    assert "This field is required" in errors(response)
    assert Listing.objects.count() == 0


class TestPhotos:
    def test_photos_are_cleaned_ordered_and_get_renditions(
        self, poster_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = poster_client.post(
                "/en/classifieds/housing/post/",
                housing_data(photos=[images.jpeg_with_gps("a.jpg", (2400, 1600)), images.png("b.png")]),
            )
        assert response.status_code == 302, errors(response)
        photos = list(ListingPhoto.objects.order_by("position"))
        assert [p.position for p in photos] == [0, 1]
        first = photos[0]
        with Image.open(first.image.path) as image:
            assert image.format == "WEBP" and max(image.size) == 1600
            assert not image.getexif()
        with first.image.open("rb") as f:
            assert b"SpyCam" not in f.read()
        assert set(first.renditions) == {"320", "640", "1280"}
        for name in first.renditions.values():
            assert first.image.storage.exists(name)

    def test_srcset_is_offered_on_the_detail_page(
        self, poster_client, poster, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            poster_client.post(
                "/en/classifieds/housing/post/",
                housing_data(photos=[images.jpeg_with_gps("a.jpg", (2000, 1500))]),
            )
        Listing.objects.update(status=Status.PUBLISHED)
        body = client.get(Listing.objects.get().get_absolute_url()).content.decode()
        assert "320w" in body and "1280w" in body and "1600w" in body

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (images.not_an_image, "not an image we can read"),
            (images.decompression_bomb, "too many pixels"),
            (lambda: images.huge_file(megabytes=11), "at most 10"),
        ],
    )
    def test_bad_photos_are_refused_and_nothing_is_posted(self, poster_client, upload, message):
        response = poster_client.post("/en/classifieds/housing/post/", housing_data(photos=[upload()]))
        assert message in errors(response)
        assert Listing.objects.count() == 0 and ListingPhoto.objects.count() == 0

    def test_at_most_ten_photos(self, poster_client):
        response = poster_client.post(
            "/en/classifieds/housing/post/", housing_data(photos=[images.png(f"{n}.png") for n in range(11)])
        )
        assert "at most 10 photos" in errors(response)


def test_posting_is_rate_limited_lower_for_new_accounts(poster_client, poster):
    for n in range(3):
        response = poster_client.post(
            "/en/classifieds/housing/post/", housing_data(title=f"Flat number {n} of many")
        )
        assert response.status_code == 302
    response = poster_client.post("/en/classifieds/housing/post/", housing_data(title="One more flat please"))
    assert response.status_code == 429
    assert "You have posted many listings today." in response.content.decode()
    assert Listing.objects.count() == 3


def test_the_same_text_twice_is_flagged_as_a_duplicate(poster_client):
    poster_client.post("/en/classifieds/housing/post/", housing_data())
    poster_client.post(
        "/en/classifieds/housing/post/",
        housing_data(title="Sunny 2BR in Jing'an!", description="South-facing, near Line 2. Pets welcome"),
    )
    first, second = Listing.objects.order_by("pk")
    assert not first.flagged_as_duplicate
    assert second.flagged_as_duplicate


def test_a_reused_photo_is_flagged_even_from_another_member(poster_client, stranger, client):
    poster_client.post("/en/classifieds/housing/post/", housing_data(photos=[images.png("room.png")]))
    client.force_login(stranger)
    client.post(
        "/en/classifieds/housing/post/",
        housing_data(
            title="Totally different flat", description="Another text entirely", photos=[images.png("x.png")]
        ),
    )
    assert Listing.objects.get(owner=stranger).flagged_as_duplicate


def test_no_mail_is_sent_just_for_posting(poster_client):
    poster_client.post("/en/classifieds/housing/post/", housing_data())
    assert mail.outbox == []
