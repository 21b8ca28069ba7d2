"""R-MSG-2: "Contact this venue" and "Apply" deliver exactly the contact details the
member ticked, to the venue's approved owner, its enquiry email, or the job poster,
and every enquiry is recorded and listed on the member's dashboard."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

from directory.models import OwnershipClaim
from messaging.models import Enquiry, Thread
from tests.factories.classifieds import job
from tests.factories.directory import make_venue

from .conftest import login, old_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(alice):
    alice.profile.phone = "+8613811112222"
    alice.profile.wechat_id = "alice_wx_01"
    alice.profile.save()
    return alice


@pytest.fixture
def posting(bob):
    return job(owner=bob, title="Barista at Lane Coffee")


def pdf(name="cv.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", content_type="application/pdf")


def docx(name="cv.docx", parts=("[Content_Types].xml", "word/document.xml")):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def apply(client, posting, **data):
    return client.post(
        f"/en/messages/apply/{posting.pk}/", {"message": "I have three years behind the bar.", **data}
    )


def test_a_job_application_shares_only_the_ticked_details(
    client, applicant, bob, posting, django_capture_on_commit_callbacks
):
    login(client, applicant)
    form = client.get(f"/en/messages/apply/{posting.pk}/").content.decode()
    assert "alice@example.com" in form and "+8613811112222" in form and "alice_wx_01" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, posting, share_phone="on", cv=pdf())
    assert mail.outbox[0].to == ["bob@example.com"]
    assert "+8613811112222" not in mail.outbox[0].body and "behind the bar" not in mail.outbox[0].body
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302 and response.url == enquiry.thread.get_absolute_url()
    assert (enquiry.shared_email, enquiry.shared_phone, enquiry.shared_wechat) == ("", "+8613811112222", "")
    assert (enquiry.kind, enquiry.recipient, enquiry.listing) == ("job", bob, posting)
    assert enquiry.cv_format == "pdf" and enquiry.cv.name.endswith(".pdf") and "cv.pdf" not in enquiry.cv.name

    login(client, bob)
    page = client.get(enquiry.thread.get_absolute_url()).content.decode()
    assert "+8613811112222" in page and "three years behind the bar" in page
    assert "alice@example.com" not in page and "alice_wx_01" not in page
    assert f"/en/messages/enquiries/{enquiry.pk}/cv/" in page


def test_an_unticked_or_missing_detail_is_never_shared_even_if_posted(client, alice, posting):
    login(client, alice)  # alice has no phone or WeChat in her profile
    apply(client, posting, share_phone="on", share_wechat="on", shared_phone="+8613800000000")
    enquiry = Enquiry.objects.get()
    assert (enquiry.shared_email, enquiry.shared_phone, enquiry.shared_wechat) == ("", "", "")


def test_the_application_is_listed_on_the_dashboard_with_what_was_shared(client, applicant, posting):
    login(client, applicant)
    apply(client, posting, share_email="on")
    for url in ("/en/accounts/my-posts/", "/en/messages/enquiries/"):
        page = client.get(url).content.decode()
        assert "Barista at Lane Coffee" in page and "alice@example.com" in page
        assert "+8613811112222" not in page


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (lambda: SimpleUploadedFile("cv.pdf", b"MZ\x90\x00\x03 this is a Windows program"), "PDF or Word"),
        (lambda: SimpleUploadedFile("cv.docx", b"\x7fELF\x02\x01\x01 a Linux program"), "PDF or Word"),
        (lambda: docx(parts=("evil.exe",)), "PDF or Word"),
        (
            lambda: docx(parts=("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")),
            "PDF or Word",
        ),
        (lambda: SimpleUploadedFile("cv.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1)), "at most 5"),
    ],
)
def test_a_cv_that_is_not_really_a_pdf_or_docx_is_refused(client, applicant, posting, upload, error):
    login(client, applicant)
    response = apply(client, posting, cv=upload())
    assert response.status_code == 400 and error in response.content.decode()
    assert Enquiry.objects.count() == 0 and Thread.objects.count() == 0


def test_a_real_docx_is_accepted(client, applicant, posting):
    login(client, applicant)
    apply(client, posting, cv=docx(name="My CV (final).docx"))
    assert Enquiry.objects.get().cv_format == "docx"


def test_no_application_to_ones_own_job_or_a_closed_one(client, bob, alice, posting):
    login(client, bob)
    assert client.get(f"/en/messages/apply/{posting.pk}/").status_code == 404
    posting.status = "taken"
    posting.save()
    login(client, alice)
    assert apply(client, posting).status_code == 404


@pytest.fixture
def venue(restaurants):
    page = make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")
    page.email = "hello@lanenoodles.example"
    page.save_revision().publish()
    return page


def contact(client, venue, **data):
    return client.post(f"/en/messages/venue/{venue.pk}/", {"message": "A table for 8 on Friday?", **data})


def test_a_venue_without_an_owner_gets_the_enquiry_by_email_with_only_the_ticked_details(
    client, applicant, venue, django_capture_on_commit_callbacks
):
    login(client, applicant)
    assert "Contact this venue" in client.get(venue.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = contact(client, venue, share_wechat="on")
    assert response.url == "/en/messages/enquiries/"
    enquiry = Enquiry.objects.get()
    assert (enquiry.delivery, enquiry.delivered_to_email, enquiry.shared_wechat) == (
        "email",
        "hello@lanenoodles.example",
        "alice_wx_01",
    )
    assert enquiry.delivered_at is not None
    email = mail.outbox[0]
    assert email.to == ["hello@lanenoodles.example"] and email.reply_to == []
    assert "A table for 8 on Friday?" in email.body and "alice_wx_01" in email.body
    assert "alice@example.com" not in email.body and "+8613811112222" not in email.body


def test_an_email_enquiry_needs_a_way_back(client, applicant, venue):
    login(client, applicant)
    response = contact(client, venue)
    assert response.status_code == 400 and "tick at least one way" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_the_shared_email_becomes_the_reply_address(
    client, applicant, venue, django_capture_on_commit_callbacks
):
    login(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        contact(client, venue, share_email="on")
    assert mail.outbox[0].reply_to == ["alice@example.com"]


def test_a_venue_with_an_approved_owner_gets_a_thread(
    client, applicant, venue, django_capture_on_commit_callbacks
):
    owner = old_member(username="boss", email="boss@example.com")
    OwnershipClaim.objects.create(
        venue=venue,
        claimant=owner,
        role="Owner",
        contact_phone="+862160001234",
        licence="claims/x.pdf",
        status=OwnershipClaim.Status.APPROVED,
    )
    login(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        contact(client, venue)  # a thread needs no contact details
    enquiry = Enquiry.objects.get()
    assert (enquiry.delivery, enquiry.recipient, enquiry.thread.venue_id) == ("thread", owner, venue.pk)
    assert mail.outbox[0].to == ["boss@example.com"] and "A table for 8" not in mail.outbox[0].body
    login(client, owner)
    page = client.get(enquiry.thread.get_absolute_url()).content.decode()
    assert "A table for 8 on Friday?" in page and "No contact details were shared" in page
    assert client.get(f"/en/messages/venue/{venue.pk}/").status_code == 302  # not to one's own venue


def test_a_venue_with_no_way_to_reach_it_takes_no_enquiries(client, applicant, restaurants):
    quiet = make_venue(restaurants, "Quiet Place")
    login(client, applicant)
    assert "Contact this venue" not in client.get(quiet.url).content.decode()
    assert client.get(f"/en/messages/venue/{quiet.pk}/").status_code == 302
    assert contact(client, quiet, share_email="on").status_code == 302
    assert Enquiry.objects.count() == 0


def test_the_chinese_venue_page_reaches_the_same_venue(
    client, applicant, venue, django_capture_on_commit_callbacks
):
    chinese = venue.get_translation(Locale.objects.get(language_code="zh-hans"))
    login(client, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/zh-hans/messages/venue/{chinese.pk}/", {"message": "你好", "share_email": "on"})
    enquiry = Enquiry.objects.get()
    assert enquiry.venue_id == venue.pk and mail.outbox[0].to == ["hello@lanenoodles.example"]
