"""R-CMS-3: an approved owner proposes new facts for the venue; nothing changes until
an editor applies them, and then both languages show them. Nobody else can propose."""

from datetime import time

import pytest
from django.core import mail

from directory.models import OwnershipClaim, VenueEditProposal
from tests.directory.conftest import EVERY_DAY_LUNCH_DINNER
from tests.factories.directory import make_venue
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆", periods=EVERY_DAY_LUNCH_DINNER)


@pytest.fixture
def owner(client, venue):
    user = verified_user(username="boss", email="boss@example.com")
    OwnershipClaim.objects.create(
        venue=venue,
        claimant=user,
        role="Owner",
        contact_phone="+862160001234",
        licence="claims/x.pdf",
        status=OwnershipClaim.Status.APPROVED,
    )
    client.force_login(user)
    return user


def form_data(venue, **changes):
    data = {
        "address_en": venue.address_en,
        "address_zh": venue.address_zh,
        "phone": venue.phone,
        "website": venue.website,
        "email": venue.email,
        "price_level": str(venue.price_level or ""),
        "note": "",
        **{f"hours_{day}": "11:00-14:00, 17:00-22:00" for day in range(7)},
    }
    data.update(changes)
    return data


def propose(client, venue, **changes):
    return client.post(f"/en/venue-reviews/venues/{venue.pk}/propose/", form_data(venue, **changes))


def decide(admin_client, proposal, status, note=""):
    return admin_client.post(
        f"/admin/snippets/directory/venueeditproposal/edit/{proposal.pk}/",
        {"status": status, "decision_note": note},
    )


def test_the_form_starts_from_the_venue_as_it_is(client, venue, owner):
    body = client.get(f"/en/venue-reviews/venues/{venue.pk}/propose/").content.decode()
    assert 'value="+86 21 6000 0000"' in body
    assert 'value="11:00-14:00, 17:00-22:00"' in body
    assert "Propose changes to this venue's facts" in client.get(venue.url).content.decode()


def test_a_proposal_records_only_what_changed_and_waits(client, venue, owner):
    response = propose(client, venue, phone="+86 21 6433 9999", hours_0="closed", note="New number")
    assert response.status_code == 302
    proposal = VenueEditProposal.objects.get()
    assert proposal.changes == {
        "phone": "+86 21 6433 9999",
        "hours": "tue 11:00-14:00, 17:00-22:00; wed 11:00-14:00, 17:00-22:00; thu 11:00-14:00, 17:00-22:00; "
        "fri 11:00-14:00, 17:00-22:00; sat 11:00-14:00, 17:00-22:00; sun 11:00-14:00, 17:00-22:00",
    }
    assert (proposal.status, proposal.proposer, proposal.note) == ("pending", owner, "New number")
    assert "6433 9999" not in client.get(venue.url).content.decode()  # nothing is live yet
    assert (
        "still waiting"
        in client.get(f"/en/venue-reviews/venues/{venue.pk}/propose/", follow=True).content.decode()
    )


def test_an_editor_applies_it_and_both_languages_show_it(
    client, admin_client, venue, owner, admin_user, django_capture_on_commit_callbacks
):
    propose(client, venue, phone="+86 21 6433 9999", hours_0="closed", hours_5="10:00-02:00")
    proposal = VenueEditProposal.objects.get()
    review_screen = admin_client.get(f"/admin/snippets/directory/venueeditproposal/edit/{proposal.pk}/")
    assert "+86 21 6433 9999" in review_screen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(admin_client, proposal, "applied", "Thanks!").status_code == 302

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("applied", admin_user)
    english = client.get(venue.url).content.decode()
    chinese = client.get("/zh-hans/directory/restaurants/lane-noodles/").content.decode()
    for body in (english, chinese):
        assert "+86 21 6433 9999" in body
        assert "10:00–02:00" in body
    assert "弄堂面馆" in chinese  # the translation was kept, only the facts moved
    venue.refresh_from_db()
    saturday = [(p.opens, p.closes) for p in venue.opening_periods.filter(weekday=5)]
    assert saturday == [(time(10), time(2))]
    assert not venue.opening_periods.filter(weekday=0).exists()

    assert len(mail.outbox) == 1
    assert "are live" in mail.outbox[0].subject and "Thanks!" in mail.outbox[0].body
    # A decided proposal is final: posting again changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        decide(admin_client, proposal, "rejected")
    proposal.refresh_from_db()
    assert proposal.status == "applied" and len(mail.outbox) == 1


def test_a_rejected_proposal_leaves_the_venue_alone(
    client, admin_client, venue, owner, django_capture_on_commit_callbacks
):
    propose(client, venue, website="https://lane-noodles.example")
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            admin_client, VenueEditProposal.objects.get(), "rejected", "Please send proof of the new site."
        )
    assert "lane-noodles.example" not in client.get(venue.url).content.decode()
    assert VenueEditProposal.objects.get().status == "rejected"
    assert "not applied" in mail.outbox[0].subject
    # The owner may now propose again.
    assert propose(client, venue, website="https://lane-noodles.example/new").status_code == 302
    assert VenueEditProposal.objects.filter(status="pending").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours_2": "9am till late"}, "hours_2", "Write times as 11:00-22:00"),
        ({"hours_2": "25:00-26:00"}, "hours_2", "Write times as 11:00-22:00"),
        ({"phone": "call me"}, "phone", "Enter a valid phone number"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL"),
        ({"address_en": "x" * 201}, "address_en", "at most 200 characters"),
        ({"address_en": ""}, "address_en", "This field is required"),
        ({"price_level": "9"}, "price_level", "Select a valid choice"),
        ({"note": "evil\u202etext"}, "note", "invisible control characters"),
    ],
)
def test_bad_facts_are_refused_with_a_clear_message(client, venue, owner, changes, field, message):
    response = propose(client, venue, **changes)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert VenueEditProposal.objects.count() == 0


def test_changing_nothing_is_refused(client, venue, owner):
    response = propose(client, venue)
    assert "You have not changed anything." in response.content.decode()
    assert VenueEditProposal.objects.count() == 0


def test_markup_is_stored_as_text_and_shown_escaped(client, admin_client, venue, owner):
    propose(client, venue, address_en="<script>alert(1)</script> Road")
    proposal = VenueEditProposal.objects.get()
    body = admin_client.get(
        f"/admin/snippets/directory/venueeditproposal/edit/{proposal.pk}/"
    ).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_non_owners_can_never_propose(client, venue, restaurants):
    stranger = verified_user(username="stranger")
    client.force_login(stranger)
    url = f"/en/venue-reviews/venues/{venue.pk}/propose/"
    assert client.get(url).status_code == 404
    assert propose(client, venue, phone="+86 21 6433 9999").status_code == 404
    # A pending claim is not enough, nor is owning another venue.
    claim = OwnershipClaim.objects.create(
        venue=venue, claimant=stranger, role="Owner", contact_phone="+862160001234", licence="claims/y.pdf"
    )
    assert propose(client, venue, phone="+86 21 6433 9999").status_code == 404
    other = make_venue(restaurants, "Other Place")
    OwnershipClaim.objects.filter(pk=claim.pk).update(status="approved", venue=other)
    assert propose(client, venue, phone="+86 21 6433 9999").status_code == 404
    assert VenueEditProposal.objects.count() == 0
    client.logout()
    assert propose(client, venue, phone="+86 21 6433 9999").status_code == 302  # to the login page
    assert VenueEditProposal.objects.count() == 0
