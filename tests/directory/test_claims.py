"""R-CMS-3, R-POST-4: business owners claim a venue with proof, editors decide, and an
approved owner replies once to each review. Nobody else can."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory import reviews
from directory.models import OwnershipClaim, Review
from privacy.storage import PrivateFileSystemStorage
from tests.accounts import images
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_documents(tmp_path, monkeypatch):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(OwnershipClaim._meta.get_field("licence"), "storage", storage)
    return storage


@pytest.fixture
def venue(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")


@pytest.fixture
def owner(client, db):
    user = verified_user(username="boss", email="boss@example.com")
    client.force_login(user)
    return user


def pdf(name="licence.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="application/pdf"
    )


def claim(client, venue, **changes):
    data = {"role": "Owner", "contact_phone": "+86 21 6000 1234", "licence": pdf(), **changes}
    return client.post(f"/en/venue-reviews/venues/{venue.pk}/claim/", data)


def test_a_claim_with_proof_waits_for_an_editor(client, venue, owner, private_documents):
    response = claim(client, venue)
    assert response.status_code == 302
    stored = OwnershipClaim.objects.get()
    assert (stored.status, stored.claimant, stored.contact_phone) == ("pending", owner, "+862160001234")
    assert private_documents.exists(stored.licence.name)
    with pytest.raises(ValueError):
        stored.licence.url  # noqa: B018 - private documents have no public address
    assert "Verified owner" not in client.get(venue.url).content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile(
                "licence.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf"
            ),
            "PDF, JPEG or PNG",
        ),
        (lambda: SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024)), "at most 10 MB"),
    ],
)
def test_bad_documents_are_refused(client, venue, owner, upload, message):
    response = claim(client, venue, licence=upload())
    assert message in response.content.decode()
    assert OwnershipClaim.objects.count() == 0


def test_an_image_of_the_licence_is_accepted(client, venue, owner):
    assert claim(client, venue, licence=images.png("licence.png")).status_code == 302


def test_one_open_claim_per_member_and_venue(client, venue, owner):
    claim(client, venue)
    claim(client, venue)
    assert OwnershipClaim.objects.count() == 1


def test_an_approved_owner_gets_a_badge_and_replies_once(client, admin_client, venue, owner, admin_user):
    claim(client, venue)
    stored = OwnershipClaim.objects.get()
    response = admin_client.post(
        f"/admin/snippets/directory/ownershipclaim/edit/{stored.pk}/",
        {"status": "approved", "decision_note": ""},
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == "approved" and stored.decided_by == admin_user
    review = Review.objects.create(venue=venue, author=UserFactory(), rating=2, text="Slow service")
    reviews.set_status(review, Review.Status.PUBLISHED, admin_user)
    body = client.get(venue.url).content.decode()
    assert "Verified owner" in body and "Reply as the venue" in body
    client.post(
        f"/en/venue-reviews/reviews/{review.pk}/reply/", {"owner_reply": "Sorry, we have hired more staff."}
    )
    client.post(f"/en/venue-reviews/reviews/{review.pk}/reply/", {"owner_reply": "Second reply"})
    review.refresh_from_db()
    assert review.owner_reply == "Sorry, we have hired more staff."
    chinese = client.get("/zh-hans/directory/restaurants/lane-noodles/").content.decode()
    assert "Sorry, we have hired more staff." in chinese


def test_non_owners_cannot_reply(client, venue, owner, admin_user):
    review = Review.objects.create(venue=venue, author=UserFactory(), rating=2, text="Slow")
    reviews.set_status(review, Review.Status.PUBLISHED, admin_user)
    claim(client, venue)  # pending is not enough
    assert (
        client.post(f"/en/venue-reviews/reviews/{review.pk}/reply/", {"owner_reply": "Hi"}).status_code == 404
    )
    other = make_venue(review.venue.get_parent().specific, "Other Place")
    OwnershipClaim.objects.update(status="approved", venue=other)  # owner of a different venue
    assert (
        client.post(f"/en/venue-reviews/reviews/{review.pk}/reply/", {"owner_reply": "Hi"}).status_code == 404
    )
    review.refresh_from_db()
    assert review.owner_reply == ""


def test_claims_need_a_verified_member(client, venue):
    client.force_login(UserFactory(username="fresh"))
    claim(client, venue)
    assert OwnershipClaim.objects.count() == 0


def test_only_editors_download_the_licence(client, admin_client, venue, owner):
    claim(client, venue)
    stored = OwnershipClaim.objects.get()
    response = admin_client.get(f"/admin/directory/claims/{stored.pk}/licence/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(f"/admin/directory/claims/{stored.pk}/licence/").status_code == 302
