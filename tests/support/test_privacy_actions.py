"""R-PRIV-5: staff answer a member's privacy request from its ticket in one step —
a copy of the data goes to the member, or the account is closed and erased — and
the step is recorded on the ticket."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from privacy.models import ExportRequest
from support.models import Status, TicketMessage
from tests.factories.support import privacy_request, ticket
from tests.factories.users import UserFactory
from tests.privacy.conftest import private_export_storage  # noqa: F401 - private archives per test

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_an_access_request_sends_the_member_their_archive(
    staff_client, alice, staff, django_capture_on_commit_callbacks
):
    request = privacy_request(alice, kind="access", subject="What do you hold about me?")
    screen = staff_client.get(f"/admin/support/tickets/{request.pk}/").content.decode()
    assert "Send the member a copy of their data" in screen
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/support/tickets/{request.pk}/send-data/")
    assert response.status_code == 302
    export = ExportRequest.objects.get(user=alice)
    assert export.status == ExportRequest.READY
    assert [m.to for m in mail.outbox] == [[alice.email]]  # the link goes to the member, not to staff
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    note = TicketMessage.objects.get(ticket=request)
    assert note.is_internal and note.author == staff


def test_a_deletion_request_erases_the_account_after_typing_its_name(
    staff_client, alice, django_capture_on_commit_callbacks
):
    request = privacy_request(alice, kind="deletion")
    url = f"/admin/support/tickets/{request.pk}/erase/"
    assert "cannot be undone" in staff_client.get(url).content.decode()

    response = staff_client.post(url, {"confirm_username": "alic"})
    assert response.status_code == 400 and "Type the member" in response.content.decode()
    alice.refresh_from_db()
    assert alice.is_active

    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, {"confirm_username": "alice"}).status_code == 302
    erased = get_user_model().objects.get(pk=alice.pk)
    assert not erased.is_active
    assert erased.email != "alice@example.com"  # the registry's erasure ran


def test_the_actions_only_fit_their_own_kind_of_request(staff_client, alice):
    access = privacy_request(alice, kind="access")
    deletion = privacy_request(alice, kind="deletion", subject="Delete")
    other = ticket(alice)
    # (an admin 404 passes through the language redirect first)
    assert (
        staff_client.post(f"/admin/support/tickets/{deletion.pk}/send-data/", follow=True).status_code == 404
    )
    assert staff_client.post(f"/admin/support/tickets/{other.pk}/send-data/", follow=True).status_code == 404
    assert (
        staff_client.post(
            f"/admin/support/tickets/{access.pk}/erase/", {"confirm_username": "alice"}, follow=True
        ).status_code
        == 404
    )
    assert ExportRequest.objects.count() == 0
    alice.refresh_from_db()
    assert alice.is_active


def test_members_and_staff_accounts_are_protected(client, alice, staff_client):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    request = privacy_request(admin, kind="deletion")
    staff_client.post(f"/admin/support/tickets/{request.pk}/erase/", {"confirm_username": "boss"})
    admin.refresh_from_db()
    assert admin.is_active

    client.force_login(alice)
    own = privacy_request(alice, kind="access")
    response = client.post(f"/admin/support/tickets/{own.pk}/send-data/")
    assert response.status_code in (302, 403)
    assert ExportRequest.objects.count() == 0
