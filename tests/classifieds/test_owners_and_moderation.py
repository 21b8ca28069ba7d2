"""Owners manage their listings; nobody else can (URL tampering). Moderators work
the queue in the Wagtail admin, one by one or in bulk, with a history (R-POST-7)."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from classifieds.models import AbuseReport, Listing, ListingPhoto, Status
from tests.accounts import images
from tests.factories.classifieds import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def my_listing(poster):
    return ListingFactory(owner=poster, title="My loft")


@pytest.fixture
def their_listing(stranger):
    return ListingFactory(owner=stranger, title="Their loft")


OWNER_ACTIONS = [
    ("get", "edit/"),
    ("post", "edit/"),
    ("post", "submit/"),
    ("post", "bump/"),
    ("post", "taken/"),
    ("get", "delete/"),
    ("post", "delete/"),
]


@pytest.mark.parametrize(("method", "action"), OWNER_ACTIONS)
def test_another_members_listing_cannot_be_touched(poster_client, their_listing, method, action):
    response = getattr(poster_client, method)(
        f"/en/classifieds/listing/{their_listing.pk}/{action}", {"title": "Hacked"}
    )
    assert response.status_code == 404
    their_listing.refresh_from_db()
    assert (their_listing.title, their_listing.status, their_listing.deleted_at) == (
        "Their loft",
        Status.PUBLISHED,
        None,
    )


def test_another_members_photo_cannot_be_deleted(poster_client, my_listing, their_listing):
    photo = ListingPhoto.objects.create(listing=their_listing, image="listings/x/1.webp", width=10, height=10)
    response = poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/photos/{photo.pk}/delete/")
    assert response.status_code == 404
    response = poster_client.post(f"/en/classifieds/listing/{their_listing.pk}/photos/{photo.pk}/delete/")
    assert response.status_code == 404
    assert ListingPhoto.objects.filter(pk=photo.pk).exists()


def test_unknown_ids_look_the_same_as_other_peoples(poster_client):
    assert poster_client.post("/en/classifieds/listing/999999/bump/").status_code == 404


def test_owner_actions_need_a_login_and_a_post(client, my_listing):
    assert client.post(f"/en/classifieds/listing/{my_listing.pk}/bump/").status_code == 302
    assert client.get(f"/en/classifieds/listing/{my_listing.pk}/bump/").status_code in (302, 405)


def test_a_substantive_edit_goes_back_to_moderation(poster_client, my_listing):
    data = {
        "title": "My loft, now cheaper",
        "description": my_listing.description,
        "language": "en",
        "district": my_listing.district_id,
        "station": my_listing.station_id,
        "price": "8000",
        "bedrooms": "2",
    }
    response = poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/edit/", data, follow=True)
    my_listing.refresh_from_db()
    assert my_listing.status == Status.PENDING
    assert "visible once a moderator has checked them" in response.content.decode()


def test_a_small_edit_stays_published(poster_client, my_listing):
    data = {
        "title": my_listing.title,
        "description": my_listing.description,
        "language": "en",
        "district": my_listing.district_id,
        "station": my_listing.station_id,
        "price": "9000",
        "bedrooms": "2",
        "show_wechat": "on",
    }
    poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/edit/", data)
    my_listing.refresh_from_db()
    assert my_listing.status == Status.PUBLISHED and my_listing.show_wechat


def test_owner_bumps_marks_taken_and_deletes_from_the_site(poster_client, my_listing, client):
    poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/bump/")
    my_listing.refresh_from_db()
    assert my_listing.refreshed_at is not None
    response = poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/bump/", follow=True)
    assert "You can refresh this listing again after" in response.content.decode()
    assert (
        "Are you sure"
        not in poster_client.get(f"/en/classifieds/listing/{my_listing.pk}/delete/").content.decode()
    )
    assert (
        "cannot be brought back"
        in poster_client.get(f"/en/classifieds/listing/{my_listing.pk}/delete/").content.decode()
    )
    poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/delete/")
    my_listing.refresh_from_db()
    assert my_listing.deleted_at is not None
    assert client.get(my_listing.get_absolute_url()).status_code == 410


def test_owner_removes_a_photo(poster_client, my_listing, django_capture_on_commit_callbacks):
    from classifieds.photos import add_photos

    with django_capture_on_commit_callbacks(execute=True):
        photo = add_photos(my_listing, [images.png()])[0]
    name = photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        poster_client.post(f"/en/classifieds/listing/{my_listing.pk}/photos/{photo.pk}/delete/")
    assert not ListingPhoto.objects.filter(pk=photo.pk).exists()
    assert not photo.image.storage.exists(name)


def test_dashboard_lists_my_listings_only(poster_client, my_listing, their_listing):
    body = poster_client.get("/en/accounts/my-posts/").content.decode()
    assert "My loft" in body and "Their loft" not in body


def test_public_profile_lists_published_listings(client, my_listing, poster):
    ListingFactory(owner=poster, title="Pending loft", status=Status.PENDING)
    body = client.get(f"/en/members/{poster.username}/").content.decode()
    assert "My loft" in body and "Pending loft" not in body


class TestReports:
    def test_members_report_a_listing_once(self, poster_client, their_listing):
        url = f"/en/classifieds/listing/{their_listing.pk}/report/"
        response = poster_client.post(
            url, {"reason": "scam", "details": "Asked for a deposit by wire"}, follow=True
        )
        assert "A moderator will look at this listing." in response.content.decode()
        response = poster_client.post(url, {"reason": "other", "details": "again"}, follow=True)
        assert "already reported" in response.content.decode()
        assert AbuseReport.objects.count() == 1

    @pytest.mark.parametrize("data", [{"reason": "bogus"}, {"reason": "scam", "details": "x" * 3000}, {}])
    def test_bad_reports_are_refused(self, poster_client, their_listing, data):
        response = poster_client.post(f"/en/classifieds/listing/{their_listing.pk}/report/", data)
        assert response.status_code == 200
        assert AbuseReport.objects.count() == 0

    def test_hidden_listings_cannot_be_reported(self, poster_client, stranger):
        hidden = ListingFactory(owner=stranger, status=Status.PENDING)
        assert poster_client.get(f"/en/classifieds/listing/{hidden.pk}/report/").status_code == 404

    def test_reports_need_a_login(self, client, their_listing):
        assert (
            client.post(f"/en/classifieds/listing/{their_listing.pk}/report/", {"reason": "scam"}).status_code
            == 302
        )


class TestModerationAdmin:
    def test_the_queue_lists_pending_listings(self, moderator_client, poster):
        ListingFactory(owner=poster, title="Waiting flat", status=Status.PENDING)
        ListingFactory(owner=poster, title="Live flat")
        body = moderator_client.get(
            "/admin/snippets/classifieds/listing/", {"status": "pending"}
        ).content.decode()
        assert "Waiting flat" in body and "Live flat" not in body

    def test_approve_from_the_moderation_page(
        self, moderator_client, moderator, poster, django_capture_on_commit_callbacks
    ):
        listing = ListingFactory(owner=poster, status=Status.PENDING, published_at=None)
        assert moderator_client.get(f"/admin/classifieds/moderate/{listing.pk}/").status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            moderator_client.post(f"/admin/classifieds/moderate/{listing.pk}/", {"action": "approve"})
        listing.refresh_from_db()
        assert listing.status == Status.PUBLISHED and listing.moderated_by == moderator
        assert len(mail.outbox) == 1
        body = moderator_client.get(f"/admin/classifieds/moderate/{listing.pk}/").content.decode()
        assert "Approved" in body and "mod" in body

    def test_reject_needs_a_reason(self, moderator_client, poster):
        listing = ListingFactory(owner=poster, status=Status.PENDING)
        moderator_client.post(
            f"/admin/classifieds/moderate/{listing.pk}/", {"action": "reject", "reason": ""}
        )
        listing.refresh_from_db()
        assert listing.status == Status.PENDING
        moderator_client.post(
            f"/admin/classifieds/moderate/{listing.pk}/", {"action": "reject", "reason": "Duplicate"}
        )
        listing.refresh_from_db()
        assert listing.status == Status.REMOVED and listing.removal_reason == "Duplicate"

    def test_removing_a_reported_listing_resolves_its_reports(self, moderator_client, poster, stranger):
        listing = ListingFactory(owner=poster)
        AbuseReport.objects.create(listing=listing, reporter=stranger, reason="scam")
        body = moderator_client.get(f"/admin/classifieds/moderate/{listing.pk}/").content.decode()
        assert "Scam or fraud" in body
        moderator_client.post(
            f"/admin/classifieds/moderate/{listing.pk}/", {"action": "remove", "reason": "Scam"}
        )
        assert AbuseReport.objects.get().resolved_at is not None
        actions = set(ModelLogEntry.objects.for_instance(listing).values_list("action", flat=True))
        assert {"classifieds.remove", "classifieds.report_resolved"} <= actions

    def test_bulk_approve_and_reject(self, moderator_client, poster):
        a, b, c = (ListingFactory(owner=poster, status=Status.PENDING, title=f"Bulk {n}") for n in "abc")
        url = "/admin/bulk/classifieds/listing/approve/"
        moderator_client.post(f"{url}?id={a.pk}&id={b.pk}")
        assert set(Listing.objects.filter(status=Status.PUBLISHED).values_list("title", flat=True)) == {
            "Bulk a",
            "Bulk b",
        }
        url = "/admin/bulk/classifieds/listing/reject/"
        response = moderator_client.post(f"{url}?id={c.pk}", {"reason": ""})
        c.refresh_from_db()
        assert c.status == Status.PENDING and response.status_code == 200
        moderator_client.post(f"{url}?id={c.pk}", {"reason": "Not allowed here"})
        c.refresh_from_db()
        assert c.status == Status.REMOVED

    def test_members_and_staff_without_the_permission_cannot_moderate(self, poster_client, client, poster):
        from tests.factories.users import UserFactory

        listing = ListingFactory(owner=poster, status=Status.PENDING)
        poster_client.post(f"/admin/classifieds/moderate/{listing.pk}/", {"action": "approve"})
        client.force_login(UserFactory(username="intern", is_staff=True))
        client.post(f"/admin/classifieds/moderate/{listing.pk}/", {"action": "approve"})
        listing.refresh_from_db()
        assert listing.status == Status.PENDING

    def test_the_admin_cannot_create_listings(self, moderator_client):
        assert moderator_client.get("/admin/snippets/classifieds/listing/add/").status_code in (302, 403)


def test_photo_files_go_when_their_listing_is_purged(my_listing, django_capture_on_commit_callbacks):
    from classifieds.photos import add_photos, build_renditions

    with django_capture_on_commit_callbacks(execute=True):
        photo = add_photos(my_listing, [images.jpeg_with_gps("big.jpg", (1400, 900))])[0]
    build_renditions(photo)
    photo.refresh_from_db()
    names = [photo.image.name, *photo.renditions.values()]
    assert all(photo.image.storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        Listing.objects.filter(pk=my_listing.pk).delete()  # as retention or erasure does
    assert not any(photo.image.storage.exists(name) for name in names)
