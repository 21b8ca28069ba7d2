"""R-POST-2, R-POST-3: every state change, who may make it, and what it hides."""

from datetime import timedelta

import pytest
from django.core import mail
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from classifieds import lifecycle
from classifieds.models import Listing, Status
from classifieds.tasks import expire_listings, send_expiry_reminders
from tests.factories.classifieds import ListingFactory

pytestmark = pytest.mark.django_db


def search_titles(query):
    # No status filter here: what the index itself holds.
    return [listing.title for listing in Listing.objects.search(query)]


@pytest.fixture
def pending(poster):
    return ListingFactory(
        owner=poster, status=Status.PENDING, published_at=None, bumped_at=None, expires_at=None
    )


@pytest.fixture
def published(poster, moderator, django_capture_on_commit_callbacks):
    listing = ListingFactory(
        owner=poster, status=Status.PENDING, published_at=None, title="Loft by Suzhou Creek"
    )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(listing, moderator)
    return listing


class TestTransitions:
    @pytest.mark.parametrize(
        ("action", "allowed_from"),
        [
            (lifecycle.submit, {Status.DRAFT, Status.PENDING, Status.EXPIRED}),
            (lambda listing: lifecycle.publish(listing, None), {Status.PENDING}),
            (
                lambda listing: lifecycle.reject(listing, None, "Spam"),
                {Status.PENDING, Status.PUBLISHED, Status.TAKEN},
            ),
            (lifecycle.bump, {Status.PUBLISHED}),
            (lifecycle.mark_taken, {Status.PUBLISHED}),
            (lifecycle.expire, {Status.PUBLISHED}),
        ],
    )
    def test_each_change_is_allowed_only_from_its_states(self, poster, action, allowed_from):
        for status in Status:
            listing = ListingFactory(owner=poster, status=status, refreshed_at=None)
            if status in allowed_from:
                action(listing)
            else:
                with pytest.raises(lifecycle.TransitionNotAllowed):
                    action(listing)

    def test_nothing_changes_a_deleted_listing(self, poster):
        listing = ListingFactory(owner=poster)
        lifecycle.delete_by_owner(listing)
        for action in (lifecycle.bump, lifecycle.mark_taken, lifecycle.submit):
            with pytest.raises(lifecycle.TransitionNotAllowed):
                action(listing)

    def test_approval_publishes_for_thirty_days_and_tells_the_poster(
        self, pending, moderator, django_capture_on_commit_callbacks
    ):
        with freeze_time("2026-11-25 08:00:00"), django_capture_on_commit_callbacks(execute=True):
            lifecycle.publish(pending, moderator)
        pending.refresh_from_db()
        assert pending.status == Status.PUBLISHED
        assert pending.expires_at - pending.published_at == timedelta(days=30)
        assert pending.moderated_by == moderator
        assert len(mail.outbox) == 1 and "is live" in mail.outbox[0].subject
        assert mail.outbox[0].alternatives  # an HTML part beside the text

    def test_rejection_needs_a_reason_which_the_poster_sees(
        self, pending, moderator, poster_client, django_capture_on_commit_callbacks
    ):
        with pytest.raises(lifecycle.TransitionNotAllowed):
            lifecycle.reject(pending, moderator, "   ")
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.reject(pending, moderator, "Photos show a different flat.")
        pending.refresh_from_db()
        assert pending.status == Status.REMOVED
        assert "Photos show a different flat." in mail.outbox[0].body
        body = poster_client.get("/en/accounts/my-posts/").content.decode()
        assert "Photos show a different flat." in body

    def test_every_change_is_in_the_history(self, published, moderator):
        lifecycle.bump(published)
        lifecycle.mark_taken(published)
        actions = list(
            ModelLogEntry.objects.for_instance(published)
            .order_by("timestamp")
            .values_list("action", flat=True)
        )
        assert actions == ["classifieds.approve", "classifieds.bump", "classifieds.taken"]

    def test_trusted_members_skip_the_queue_when_enabled(self, poster, moderator, settings):
        settings.CLASSIFIEDS_AUTO_APPROVE_TRUSTED = True
        first = ListingFactory(owner=poster, status=Status.DRAFT, published_at=None)
        lifecycle.submit(first)
        assert first.status == Status.PENDING  # nobody approved anything of theirs yet
        lifecycle.publish(first, moderator)
        second = ListingFactory(owner=poster, status=Status.DRAFT, published_at=None, title="Another flat")
        lifecycle.submit(second)
        assert second.status == Status.PUBLISHED
        settings.CLASSIFIEDS_AUTO_APPROVE_TRUSTED = False
        third = ListingFactory(owner=poster, status=Status.DRAFT, published_at=None, title="Third flat")
        lifecycle.submit(third)
        assert third.status == Status.PENDING


class TestBump:
    def test_refresh_moves_to_the_top_once_a_day(self, published, client):
        other = ListingFactory(title="Newer flat")
        assert client.get("/en/classifieds/housing/").content.decode().index("Newer flat") < client.get(
            "/en/classifieds/housing/"
        ).content.decode().index("Loft by Suzhou Creek")
        lifecycle.bump(published)
        body = client.get("/en/classifieds/housing/").content.decode()
        assert body.index("Loft by Suzhou Creek") < body.index(other.title)
        assert "Refreshed" in body
        with pytest.raises(lifecycle.BumpTooSoon):
            lifecycle.bump(published)
        with freeze_time(published.refreshed_at + timedelta(hours=24, seconds=1)):
            lifecycle.bump(published)


class TestLeavingPublicView:
    @pytest.mark.parametrize(
        "hide",
        [
            lifecycle.delete_by_owner,
            lifecycle.mark_taken,
            lifecycle.expire,
            lambda listing: lifecycle.reject(listing, None, "Scam"),
        ],
    )
    def test_a_hidden_listing_disappears_from_every_public_place(
        self, published, poster, client, hide, django_capture_on_commit_callbacks
    ):
        url = published.get_absolute_url()
        client.force_login(ListingFactory().owner)
        assert "Loft by Suzhou Creek" in client.get("/en/classifieds/housing/").content.decode()
        assert search_titles("Suzhou Creek") == ["Loft by Suzhou Creek"]
        with django_capture_on_commit_callbacks(execute=True):
            hide(published)
        response = client.get(url)
        assert response.status_code in (404, 410)
        assert "wechat" not in response.content.decode().lower()
        assert "Loft by Suzhou Creek" not in client.get("/en/classifieds/housing/").content.decode()
        assert "Loft by Suzhou Creek" not in client.get("/en/classifieds/housing/feed/").content.decode()
        assert search_titles("Suzhou Creek") == []

    def test_contact_details_show_only_to_signed_in_visitors_of_a_live_listing(
        self, published, poster, client
    ):
        poster.profile.phone = "+8613812345678"
        poster.profile.wechat_id = "mei_lin88"
        poster.profile.save()
        Listing.objects.filter(pk=published.pk).update(show_phone=True, show_wechat=False)
        url = published.get_absolute_url()
        assert "+8613812345678" not in client.get(url).content.decode()
        client.force_login(ListingFactory().owner)
        body = client.get(url).content.decode()
        assert "+8613812345678" in body and "mei_lin88" not in body


class TestExpiry:
    def test_listings_expire_after_their_period_by_the_beat_task(self, published, client):
        with freeze_time(published.expires_at - timedelta(minutes=1)):
            expire_listings()
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED
        with freeze_time(published.expires_at + timedelta(minutes=1)):
            expire_listings()
        published.refresh_from_db()
        assert published.status == Status.EXPIRED
        assert client.get(published.get_absolute_url()).status_code == 410

    def test_a_reminder_goes_out_three_days_before_once(self, published):
        mail.outbox.clear()
        with freeze_time(published.expires_at - timedelta(days=4)):
            send_expiry_reminders()
        assert mail.outbox == []
        with freeze_time(published.expires_at - timedelta(days=2, hours=23)):
            send_expiry_reminders()
            send_expiry_reminders()
        assert len(mail.outbox) == 1
        assert "expires soon" in mail.outbox[0].subject

    def test_no_reminder_for_members_who_do_not_want_them(self, published, poster):
        mail.outbox.clear()
        poster.profile.notify_listing_expiry = False
        poster.profile.save()
        with freeze_time(published.expires_at - timedelta(days=1)):
            send_expiry_reminders()
        assert mail.outbox == []

    def test_the_reminder_speaks_the_members_language(self, published, poster):
        mail.outbox.clear()
        poster.profile.preferred_language = "zh-hans"
        poster.profile.save()
        with freeze_time(published.expires_at - timedelta(days=1)):
            send_expiry_reminders()
        assert "即将到期" in mail.outbox[0].subject

    def test_an_expired_listing_can_be_submitted_again(self, published, poster_client):
        lifecycle.expire(published)
        response = poster_client.post(f"/en/classifieds/listing/{published.pk}/submit/")
        assert response.status_code == 302
        published.refresh_from_db()
        assert published.status == Status.PENDING
