"""R-PRIV-1/2/3: what messaging stores is in the registry, exported to its owner and
erased with the account (CV files included)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.personal_data import registry
from messaging.models import Block, Enquiry, Message, MessageReport, ThreadAccessLog, ThreadMember
from privacy.erasure import erase_user
from privacy.export import collect
from tests.factories.classifieds import job
from tests.factories.messaging import conversation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Message, ThreadMember, Enquiry, Block, MessageReport, ThreadAccessLog])
def test_every_messaging_model_is_declared(model):
    declaration = registry.get(model)
    assert declaration is not None and not declaration.is_exempt


@pytest.fixture
def alices_data(alice, bob, private_documents):
    posting = job(owner=bob)
    thread, sent = conversation(alice, bob, listing=posting, texts=("My secret question", "Bob's answer"))
    enquiry = Enquiry.objects.create(
        sender=alice,
        kind="job",
        delivery="thread",
        listing=posting,
        thread=thread,
        recipient=bob,
        about=posting.title,
        message="My secret question",
        shared_phone="+8613811112222",
        cv=SimpleUploadedFile("cv.pdf", b"%PDF-1.4 alice"),
        cv_format="pdf",
    )
    Block.objects.create(blocker=alice, blocked=bob)
    MessageReport.objects.create(message=sent[1], reporter=alice, reason="spam", details="Looks like spam")
    return {"thread": thread, "enquiry": enquiry, "cv": enquiry.cv.name}


def test_a_member_exports_their_messages_and_enquiries(alice, alices_data):
    records, uploads = collect(alice.pk)
    text = str(records["communications"]) + str(records["contact"])
    assert "My secret question" in text and "+8613811112222" in text and "Looks like spam" in text
    assert "Bob's answer" not in text  # bob's words are bob's
    assert [path for path, _ in uploads if "messaging.Enquiry" in path]


def test_erasing_a_member_removes_their_side_and_their_cv(alice, bob, alices_data, private_documents):
    erase_user(alice.pk)
    thread = alices_data["thread"]
    assert list(thread.messages.values_list("body", flat=True)) == ["Bob's answer"]
    assert not Enquiry.objects.exists() and not Block.objects.exists() and not MessageReport.objects.exists()
    assert not ThreadMember.objects.filter(user=alice).exists()
    assert not private_documents.exists(alices_data["cv"])
