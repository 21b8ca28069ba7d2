"""R-MAIL-5: members save the filters of a classifieds page and hear about new
listings that match, instantly or in a daily digest, each listing once."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.utils import timezone

from classifieds import lifecycle
from classifieds.models import Kind, SavedSearch, SavedSearchAlert, Status
from classifieds.saved_searches import matching
from classifieds.tasks import send_instant_saved_search_alerts, send_saved_search_digests
from core.models import District, MetroStation
from tests.factories.classifieds import ListingFactory, SavedSearchFactory, item, job
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(db):
    return verified_user(username="lin", email="lin@example.com")


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


def titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".listing-card h3 a")]


def publish(listing, moderator, capture):
    with capture(execute=True):
        lifecycle.publish(listing, moderator)


def pending(owner, **kwargs):
    return ListingFactory(owner=owner, status=Status.PENDING, published_at=None, bumped_at=None, **kwargs)


def alerts_to(address):
    """Saved-search emails to ``address`` (not the poster's own moderation emails)."""
    return [m for m in mail.outbox if m.to == [address] and "/classifieds/saved-searches/" in m.body]


def html_of(message):
    return message.alternatives[0][0]


class TestSavingASearch:
    def test_the_browse_page_offers_to_save_its_current_filters(self, client):
        body = client.get("/en/classifieds/housing/?district=jingan&price_max=9000&page=2").content.decode()
        link = BeautifulSoup(body, "html.parser").select_one(".save-search a")
        assert link.get_text() == "Save this search"
        assert link["href"].startswith("/en/classifieds/housing/save-search/?")
        assert "district=jingan" in link["href"] and "price_max=9000" in link["href"]

    def test_visitors_are_sent_to_log_in_first_and_come_back(self, client):
        response = client.get("/en/classifieds/housing/save-search/?district=jingan")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
        assert "save-search" in response["Location"]
        response = client.post("/en/classifieds/housing/save-search/?district=jingan", {"name": "x"})
        assert response["Location"].startswith("/en/accounts/login/")
        assert not SavedSearch.objects.exists()

    def test_a_member_sees_what_is_saved_and_saves_it_with_a_name_and_a_frequency(
        self, seeker_client, seeker
    ):
        query = (
            "district=jingan&price_max=9000&bedrooms=2&furnished=true&page=3&utm_source=mail&sort=price-low"
        )
        body = seeker_client.get(f"/en/classifieds/housing/save-search/?{query}").content.decode()
        assert "District: Jing" in body and "Price to: 9000" in body and "Bedrooms (at least): 2" in body
        assert "Furnished: Yes" in body
        action = BeautifulSoup(body, "html.parser").select_one("main form[method=post]")["action"]
        assert "utm_source" not in action and "page=" not in action and "district=jingan" in action
        assert 'value="Housing · District: Jing' in body  # a suggested name
        response = seeker_client.post(
            f"/en/classifieds/housing/save-search/?{query}",
            {"name": "Flats near work", "frequency": "instant"},
        )
        assert response["Location"] == "/en/classifieds/saved-searches/"
        search = SavedSearch.objects.get(owner=seeker)
        assert search.name == "Flats near work"
        assert search.kind == Kind.HOUSING
        assert search.frequency == SavedSearch.Frequency.INSTANT
        # Only the browse filters are kept: no page number, no tracking parameters.
        assert search.filters == {
            "district": "jingan",
            "price_max": "9000",
            "bedrooms": "2",
            "furnished": "true",
            "sort": "price-low",
        }
        assert "Your search is saved." in seeker_client.get(response["Location"]).content.decode()

    def test_a_search_without_filters_is_every_new_listing_of_its_kind(self, seeker_client, seeker):
        seeker_client.post(
            "/en/classifieds/jobs/save-search/?sort=newest&job_type=&district=&salary=",
            {"name": "Any job", "frequency": "daily"},
        )
        search = SavedSearch.objects.get(owner=seeker)
        assert (search.kind, search.filters) == ("jobs", {})
        assert search.get_absolute_url() == "/en/classifieds/jobs/"

    @pytest.mark.parametrize(
        ("query", "reason"),
        [
            ("price_min=cheap", "Price from: Enter a number."),
            ("price_max=" + "9" * 30, "These filters cannot be saved"),
            ("bedrooms=-1", "Bedrooms (at least)"),
            ("district=atlantis", "District: Select a valid choice."),
            ("district=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "District: Select a valid choice."),
            ("sort=price-sideways", "Sort by: Select a valid choice."),
            ("posted=" + "1" * 200, "too long to be saved"),
            ("price_min=1&" + "&".join(f"x{n}=y" for n in range(300)), "too long to be saved"),
        ],
    )
    def test_hostile_or_broken_filters_are_refused_with_a_message(self, seeker_client, query, reason):
        url = f"/en/classifieds/housing/save-search/?{query}"
        for method, data in (("get", None), ("post", {"name": "Mine", "frequency": "daily"})):
            response = getattr(seeker_client, method)(url, data)
            assert response.status_code == 302
            assert response["Location"] == "/en/classifieds/housing/"
            page = seeker_client.get(response["Location"]).content.decode()
            assert reason in page
            assert "<script>alert(1)" not in page
        assert not SavedSearch.objects.exists()

    def test_an_unknown_kind_is_not_found(self, seeker_client):
        assert seeker_client.get("/en/classifieds/cars/save-search/").status_code == 404

    @pytest.mark.parametrize(
        "data",
        [
            {"name": "", "frequency": "daily"},
            {"name": "x" * 81, "frequency": "daily"},
            {"name": "Mine", "frequency": "hourly"},
            {"name": "Mine"},
            {"name": "Mine\x00", "frequency": "daily"},
        ],
    )
    def test_a_bad_name_or_frequency_is_shown_on_the_form(self, seeker_client, data):
        response = seeker_client.post("/en/classifieds/housing/save-search/?district=jingan", data)
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
        assert not SavedSearch.objects.exists()

    def test_saving_the_same_search_twice_keeps_one(self, seeker_client, seeker):
        for _ in range(2):
            response = seeker_client.post(
                "/en/classifieds/housing/save-search/?district=jingan", {"name": "A", "frequency": "daily"}
            )
        assert SavedSearch.objects.filter(owner=seeker).count() == 1
        assert (
            "You have already saved this search." in seeker_client.get(response["Location"]).content.decode()
        )

    def test_a_member_keeps_at_most_the_configured_number_of_searches(self, seeker_client, seeker):
        cap = settings.CLASSIFIEDS_SAVED_SEARCHES_MAX
        SavedSearchFactory.create_batch(cap, owner=seeker)
        response = seeker_client.post(
            "/en/classifieds/jobs/save-search/?job_type=internship",
            {"name": "One more", "frequency": "daily"},
        )
        assert SavedSearch.objects.filter(owner=seeker).count() == cap
        page = seeker_client.get(response["Location"]).content.decode()
        assert f"You can keep up to {cap} saved searches. Delete one to save another." in page


class TestMySavedSearches:
    def test_the_page_needs_a_login(self, client):
        assert client.get("/en/classifieds/saved-searches/")["Location"].startswith("/en/accounts/login/")

    def test_an_empty_state_explains_how_to_save_one(self, seeker_client):
        body = seeker_client.get("/en/classifieds/saved-searches/").content.decode()
        assert "You have no saved searches yet." in body
        assert 'href="/en/classifieds/housing/"' in body

    def test_each_search_links_to_the_page_showing_exactly_what_its_alerts_send(
        self, seeker_client, seeker, stranger
    ):
        search = SavedSearchFactory(
            owner=seeker, name="Cheap in Jing'an", filters={"district": "jingan", "price_max": "9000"}
        )
        SavedSearchFactory(owner=stranger, name="Tom's bikes", kind=Kind.BUY_SELL, filters={})
        ListingFactory(title="Match", price=8000)
        ListingFactory(title="Too dear", price=12000)
        ListingFactory(title="Elsewhere", price=8000, district=District.objects.get(code="xuhui"))
        body = seeker_client.get("/en/classifieds/saved-searches/").content.decode()
        assert "Cheap in Jing&#x27;an" in body and "Tom&#x27;s bikes" not in body
        assert "District: Jing" in body and "Price to: 9000" in body
        url = search.get_absolute_url()
        assert f'href="{url.replace("&", "&amp;")}"' in body
        assert titles(seeker_client.get(url)) == ["Match"]
        assert [listing.title for listing in matching(search)] == ["Match"]

    def test_a_name_with_markup_is_shown_as_text(self, seeker_client, seeker):
        SavedSearchFactory(owner=seeker, name="<script>alert('x')</script>")
        for path in ("/en/classifieds/saved-searches/", "/en/accounts/my-posts/"):
            body = seeker_client.get(path).content.decode()
            assert "<script>alert(" not in body
            assert "&lt;script&gt;alert(" in body

    def test_the_frequency_can_be_changed(self, seeker_client, seeker):
        search = SavedSearchFactory(owner=seeker, frequency="instant")
        response = seeker_client.post(
            f"/en/classifieds/saved-searches/{search.pk}/frequency/", {"frequency": "never"}
        )
        assert response["Location"] == "/en/classifieds/saved-searches/"
        search.refresh_from_db()
        assert search.frequency == "never"

    @pytest.mark.parametrize("value", ["hourly", "", "x" * 10_000])
    def test_an_unknown_frequency_changes_nothing(self, seeker_client, seeker, value):
        search = SavedSearchFactory(owner=seeker, frequency="instant")
        response = seeker_client.post(
            f"/en/classifieds/saved-searches/{search.pk}/frequency/", {"frequency": value}
        )
        assert "Choose how often" in seeker_client.get(response["Location"]).content.decode()
        search.refresh_from_db()
        assert search.frequency == "instant"

    def test_deleting_asks_for_confirmation_first(self, seeker_client, seeker):
        search = SavedSearchFactory(owner=seeker, name="Old search")
        url = f"/en/classifieds/saved-searches/{search.pk}/delete/"
        body = seeker_client.get(url).content.decode()
        assert "Delete the saved search “Old search”?" in body
        assert SavedSearch.objects.filter(pk=search.pk).exists()
        response = seeker_client.post(url)
        assert response["Location"] == "/en/classifieds/saved-searches/"
        assert not SavedSearch.objects.filter(pk=search.pk).exists()

    @pytest.mark.parametrize("suffix", ["frequency/", "delete/"])
    def test_another_members_search_is_not_found(self, seeker_client, stranger, suffix):
        theirs = SavedSearchFactory(owner=stranger, frequency="instant")
        for pk in (theirs.pk, 2**63 - 1, 10**30):
            assert (
                seeker_client.post(
                    f"/en/classifieds/saved-searches/{pk}/{suffix}", {"frequency": "never"}
                ).status_code
                == 404
            )
        assert seeker_client.get(f"/en/classifieds/saved-searches/{theirs.pk}/delete/").status_code == 404
        theirs.refresh_from_db()
        assert theirs.frequency == "instant"

    def test_changing_or_deleting_needs_a_post(self, seeker_client, seeker):
        search = SavedSearchFactory(owner=seeker)
        assert seeker_client.get(f"/en/classifieds/saved-searches/{search.pk}/frequency/").status_code == 405

    @pytest.mark.parametrize("count", [1, 15])
    def test_the_list_runs_a_fixed_number_of_queries(
        self, seeker_client, seeker, count, django_assert_max_num_queries
    ):
        for n in range(count):
            SavedSearchFactory(owner=seeker, filters={"district": "jingan", "line": "2", "price_min": str(n)})
            SavedSearchFactory(owner=seeker, kind=Kind.JOBS, filters={"job_type": "internship"})
        seeker_client.get("/en/classifieds/saved-searches/")
        with django_assert_max_num_queries(12):
            response = seeker_client.get("/en/classifieds/saved-searches/")
        assert response.content.decode().count('class="saved-search-row"') == 2 * count

    def test_the_dashboard_lists_saved_searches(self, seeker_client, seeker):
        SavedSearchFactory(
            owner=seeker, name="Bikes under 500", kind=Kind.BUY_SELL, filters={"price_max": "500"}
        )
        body = seeker_client.get("/en/accounts/my-posts/").content.decode()
        assert "Saved searches" in body and "Bikes under 500" in body
        assert 'href="/en/classifieds/saved-searches/"' in body


class TestInstantAlerts:
    def test_a_published_listing_is_emailed_to_matching_instant_searches(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        search = SavedSearchFactory(
            owner=seeker, name="Cheap in Jing'an", filters={"district": "jingan", "price_max": "10000"}
        )
        SavedSearchFactory(owner=verified_user(username="rich"), filters={"price_min": "20000"})
        listing = pending(poster, title="Lane house room", price=8000)
        publish(listing, moderator, django_capture_on_commit_callbacks)
        [alert] = [m for m in mail.outbox if "Lane house room" in m.subject and "saved the search" in m.body]
        assert alert.to == ["lin@example.com"]
        assert alert.subject == "New for “Cheap in Jing'an”: Lane house room"
        assert f"http://testserver{listing.get_absolute_url()}" in alert.body
        assert "http://testserver/en/classifieds/saved-searches/" in alert.body  # manage or stop it
        assert "http://testserver/en/accounts/notifications/" in alert.body
        assert "Lane house room" in html_of(alert)
        assert f'href="http://testserver{search.get_absolute_url().replace("&", "&amp;")}"' in html_of(alert)
        assert SavedSearchAlert.objects.filter(saved_search=search, listing=listing).exists()

    def test_running_the_task_again_sends_nothing_twice(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        listing = pending(poster)
        publish(listing, moderator, django_capture_on_commit_callbacks)
        assert len(alerts_to(seeker.email)) == 1
        send_instant_saved_search_alerts.apply(args=[listing.pk])
        send_instant_saved_search_alerts(listing.pk)
        assert len(alerts_to(seeker.email)) == 1

    def test_a_listing_published_again_later_is_not_sent_again(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        listing = pending(poster)
        publish(listing, moderator, django_capture_on_commit_callbacks)
        lifecycle.back_to_moderation(listing)
        publish(listing, moderator, django_capture_on_commit_callbacks)
        assert len(alerts_to(seeker.email)) == 1

    def test_listings_that_do_not_match_send_nothing(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker, filters={"district": "jingan", "price_max": "10000", "line": "2"})
        for listing in [
            pending(poster, price=12000),
            pending(
                poster,
                district=District.objects.get(code="xuhui"),
                station=MetroStation.objects.get(code="xujiahui"),
            ),
            pending(poster, kind=Kind.JOBS),
        ]:
            publish(listing, moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []

    def test_daily_and_silent_searches_get_no_instant_email(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker, frequency="daily")
        SavedSearchFactory(owner=seeker, frequency="never", name="Quiet")
        publish(pending(poster), moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []

    def test_no_alert_when_the_member_turned_saved_search_emails_off(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        seeker.profile.notify_saved_searches = False
        seeker.profile.save()
        publish(pending(poster), moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []
        assert not SavedSearchAlert.objects.exists()

    def test_no_alert_to_an_inactive_account(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        seeker.is_active = False
        seeker.save()
        publish(pending(poster), moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []

    def test_a_member_is_never_alerted_about_their_own_listing(
        self, seeker, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        publish(pending(seeker), moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []

    def test_a_listing_hidden_before_the_task_runs_is_not_sent(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker)
        listing = pending(poster)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            lifecycle.publish(listing, moderator)
        lifecycle.reject(listing, moderator, "Scam")
        for callback in callbacks:
            callback()
        assert alerts_to(seeker.email) == []

    def test_a_suppressed_address_gets_no_alert(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        from core.models_mail import SuppressedAddress

        SuppressedAddress.objects.create(email=seeker.email, reason=SuppressedAddress.BOUNCED)
        SavedSearchFactory(owner=seeker)
        publish(pending(poster), moderator, django_capture_on_commit_callbacks)
        assert alerts_to(seeker.email) == []

    def test_the_email_is_in_the_members_language(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        seeker.profile.preferred_language = "zh-hans"
        seeker.profile.save()
        SavedSearchFactory(owner=seeker, name="静安")
        listing = pending(poster, title="弄堂房间")
        publish(listing, moderator, django_capture_on_commit_callbacks)
        [alert] = alerts_to(seeker.email)
        assert "静安" in alert.subject and "弄堂房间" in alert.subject
        assert alert.subject.startswith("“静安”有新信息")
        assert "/zh-hans/classifieds/saved-searches/" in alert.body

    def test_markup_in_names_and_titles_stays_text_in_the_email(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        SavedSearchFactory(owner=seeker, name="<b>bold</b> & co")
        publish(
            pending(poster, title="<img src=x onerror=alert(1)>"),
            moderator,
            django_capture_on_commit_callbacks,
        )
        [alert] = alerts_to(seeker.email)
        assert "<img src=x" not in html_of(alert) and "&lt;img src=x" in html_of(alert)
        assert "<b>bold</b>" not in html_of(alert)
        assert "“<b>bold</b> & co”" in alert.body  # the plain-text part is not HTML-escaped


class TestDailyDigest:
    @pytest.fixture
    def daily(self, seeker):
        search = SavedSearchFactory(owner=seeker, frequency="daily", name="Daily flats")
        SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=2))
        search.refresh_from_db()
        return search

    def test_one_email_lists_the_new_matches_since_the_last_digest(self, seeker, poster, daily):
        ListingFactory(owner=poster, title="Before the search", bumped_at=timezone.now() - timedelta(days=3))
        first = ListingFactory(
            owner=poster, title="First flat", bumped_at=timezone.now() - timedelta(hours=5)
        )
        second = ListingFactory(owner=poster, title="Second flat")
        ListingFactory(owner=poster, title="Too dear", price=50000)
        ListingFactory(owner=poster, title="Pending flat", status=Status.PENDING)
        ListingFactory(owner=poster, title="Deleted flat", deleted_at=timezone.now())
        ListingFactory(owner=seeker, title="My own flat")
        send_saved_search_digests.apply()
        [digest] = alerts_to(seeker.email)
        assert digest.subject == "2 new listings for “Daily flats”"
        assert digest.body.index("Second flat") < digest.body.index("First flat")
        for title in ("Before the search", "Too dear", "Pending flat", "Deleted flat", "My own flat"):
            assert title not in digest.body
        assert "http://testserver/en/classifieds/saved-searches/" in digest.body
        assert "Second flat" in html_of(digest)
        assert set(SavedSearchAlert.objects.values_list("listing_id", flat=True)) == {first.pk, second.pk}

    def test_running_the_digest_twice_sends_each_listing_once(self, seeker, poster, daily):
        ListingFactory(owner=poster, title="First flat")
        send_saved_search_digests.apply()
        send_saved_search_digests.apply()
        assert len(alerts_to(seeker.email)) == 1
        ListingFactory(owner=poster, title="Next day flat")
        send_saved_search_digests.apply()
        digests = alerts_to(seeker.email)
        assert len(digests) == 2
        assert "Next day flat" in digests[1].body and "First flat" not in digests[1].body
        assert digests[1].subject == "1 new listing for “Daily flats”"

    def test_switching_to_a_daily_digest_starts_from_now(self, seeker_client, seeker, poster):
        search = SavedSearchFactory(owner=seeker, frequency="never")
        SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=30))
        ListingFactory(owner=poster, title="Last week's flat", bumped_at=timezone.now() - timedelta(days=7))
        seeker_client.post(f"/en/classifieds/saved-searches/{search.pk}/frequency/", {"frequency": "daily"})
        send_saved_search_digests.apply()
        assert alerts_to(seeker.email) == []
        ListingFactory(owner=poster, title="Brand new flat")
        send_saved_search_digests.apply()
        [digest] = alerts_to(seeker.email)
        assert "Brand new flat" in digest.body and "Last week's flat" not in digest.body

    def test_no_matches_no_email(self, seeker, daily):
        send_saved_search_digests.apply()
        assert alerts_to(seeker.email) == []
        daily.refresh_from_db()
        assert daily.last_digest_at is not None

    def test_a_listing_sent_instantly_is_not_in_a_later_digest(
        self, seeker, poster, moderator, django_capture_on_commit_callbacks
    ):
        search = SavedSearchFactory(owner=seeker, frequency="instant", name="Switching")
        listing = pending(poster, title="Matches both ways")
        publish(listing, moderator, django_capture_on_commit_callbacks)
        assert len(alerts_to(seeker.email)) == 1
        SavedSearch.objects.filter(pk=search.pk).update(frequency="daily")
        send_saved_search_digests.apply()
        assert len(alerts_to(seeker.email)) == 1

    def test_a_listing_in_a_digest_is_not_sent_instantly_later(
        self, seeker, poster, moderator, daily, django_capture_on_commit_callbacks
    ):
        listing = ListingFactory(owner=poster, title="Digest first")
        send_saved_search_digests.apply()
        SavedSearch.objects.filter(pk=daily.pk).update(frequency="instant")
        lifecycle.back_to_moderation(listing)
        publish(listing, moderator, django_capture_on_commit_callbacks)
        assert len(alerts_to(seeker.email)) == 1
        assert SavedSearchAlert.objects.filter(saved_search=daily, listing=listing).count() == 1

    def test_instant_and_silent_searches_get_no_digest(self, seeker, poster, daily):
        SavedSearch.objects.filter(pk=daily.pk).update(frequency="never")
        SavedSearchFactory(owner=seeker, frequency="instant", name="Instant one")
        ListingFactory(owner=poster)
        send_saved_search_digests.apply()
        assert alerts_to(seeker.email) == []

    def test_no_digest_when_the_member_turned_saved_search_emails_off(self, seeker, poster, daily):
        seeker.profile.notify_saved_searches = False
        seeker.profile.save()
        ListingFactory(owner=poster)
        send_saved_search_digests.apply()
        assert alerts_to(seeker.email) == []

    def test_a_digest_holds_at_most_the_configured_number_of_listings(self, seeker, poster, daily, settings):
        settings.CLASSIFIEDS_SAVED_SEARCH_DIGEST_MAX = 3
        ListingFactory.create_batch(5, owner=poster)
        send_saved_search_digests.apply()
        assert alerts_to(seeker.email)[0].subject == "3 new listings for “Daily flats”"

    def test_other_kinds_use_their_own_filters(self, seeker, poster):
        jobs = SavedSearchFactory(
            owner=seeker,
            frequency="daily",
            kind=Kind.JOBS,
            filters={"job_type": "internship"},
            name="Internships",
        )
        bikes = SavedSearchFactory(
            owner=seeker,
            frequency="daily",
            kind=Kind.BUY_SELL,
            filters={"item_category": "bikes", "price_max": "500"},
            name="Bikes",
        )
        SavedSearch.objects.filter(pk__in=[jobs.pk, bikes.pk]).update(
            created_at=timezone.now() - timedelta(days=1)
        )
        job(owner=poster, title="Design intern", job_type="internship")
        job(owner=poster, title="Barista", job_type="part-time")
        item(owner=poster, title="Old bike", price=300)
        item(owner=poster, title="Racing bike", price=3000)
        send_saved_search_digests.apply()
        bodies = {m.subject: m.body for m in alerts_to(seeker.email)}
        assert "Design intern" in bodies["1 new listing for “Internships”"]
        assert "Barista" not in bodies["1 new listing for “Internships”"]
        assert "Old bike" in bodies["1 new listing for “Bikes”"]
        assert "Racing bike" not in bodies["1 new listing for “Bikes”"]

    def test_the_digest_runs_daily_from_celery_beat(self):
        entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        schedule = entries["classifieds.tasks.send_saved_search_digests"]["schedule"]
        assert schedule.hour == {8} and schedule.minute == {0}


def test_erasure_and_export_cover_saved_searches(seeker, poster):
    from privacy.erasure import erase_user
    from privacy.export import collect

    search = SavedSearchFactory(owner=seeker, name="Findable name")
    listing = ListingFactory(owner=poster)
    SavedSearchAlert.objects.create(saved_search=search, listing=listing)
    records, _uploads = collect(seeker.pk)
    labels = {record["model"] for category in records.values() for record in category}
    assert {"classifieds.SavedSearch", "classifieds.SavedSearchAlert"} <= labels
    erase_user(seeker.pk)
    assert not SavedSearch.objects.filter(pk=search.pk).exists()
    assert not SavedSearchAlert.objects.exists()
