"""R-PRIV-2: "Download my data" — a ZIP of everything the registry lists, built in the
background, announced by email, downloadable only by its owner for seven days."""

import json
import os
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail, signing
from django.utils import timezone
from freezegun import freeze_time

from core.personal_data import registry
from privacy.export import ExportEncoder, _value
from privacy.models import ExportRequest
from privacy.tasks import apply_retention, build_export
from privacy.tokens import SALT, make_download_token
from tests.privacy.helpers import download_link, give_member_data, phone_of, read_archive, wechat_of

pytestmark = pytest.mark.django_db


def ask_for_export(client, django_capture_on_commit_callbacks, language="en"):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/{language}/privacy/export/")
    assert response.status_code == 302
    return callbacks


def fetch(client, path):
    response = client.get(path)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def test_the_download_page_needs_a_signed_in_member(client):
    response = client.get("/en/privacy/export/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_asking_for_a_copy_builds_it_after_commit_and_emails_a_link(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    page = client.get("/en/privacy/export/")
    assert page.status_code == 200
    assert "Download my data" in page.content.decode()

    callbacks = ask_for_export(client, django_capture_on_commit_callbacks)
    assert len(callbacks) == 1  # the task is queued on commit, not during the request
    export = ExportRequest.objects.get(user=member)
    assert export.status == ExportRequest.READY
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "ready to download" in message.subject
    response, content = fetch(client, download_link(message))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="longtang-data-')
    assert "no-store" in response["Cache-Control"]
    archive, data = read_archive(content)
    assert "README.txt" in archive.namelist()


def test_the_archive_holds_every_registered_field_of_the_member_and_nothing_of_others(
    client, member, other_member, django_capture_on_commit_callbacks
):
    give_member_data(other_member)
    made = give_member_data(member, client)
    ask_for_export(client, django_capture_on_commit_callbacks)
    _response, content = fetch(client, download_link(mail.outbox[0]))
    archive, data = read_archive(content)

    covered = set()
    for declaration in registry.declarations():
        exported = [f for f in declaration.fields if f.export]
        for obj in declaration.rows_for(member.pk):
            for item in exported:
                records = data[f"data/{item.category}.json"]["records"]
                record = next(r for r in records if r["model"] == declaration.label and r["id"] == obj.pk)
                expected = _value(declaration.model._meta.get_field(item.name), obj)
                if (declaration.label, item.name) == ("privacy.ExportRequest", "status"):
                    expected = ExportRequest.PENDING  # the archive shows the request while it was built
                assert record["fields"][item.name] == json.loads(json.dumps(expected, cls=ExportEncoder)), (
                    declaration.label,
                    item.name,
                )
                covered.add(declaration.label)
    # The check above is not vacuous: the member has data in all these places.
    assert {
        "wagtailusers.UserProfile",
        "core.RequestLogEntry",
        "admin.LogEntry",
        "wagtailcore.Revision",
        "privacy.ExportRequest",
    } <= covered

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert phone_of(member).encode() in everything and wechat_of(member).encode() in everything
    # Uploaded files are in the archive, byte for byte.
    avatar = next(n for n in archive.namelist() if n.startswith("files/wagtailusers.UserProfile/"))
    assert archive.read(avatar) == open(made["avatar"], "rb").read()  # noqa: SIM115
    # Nothing about the other member.
    assert other_member.username.encode() not in everything
    assert other_member.email.encode() not in everything


def test_readme_and_email_are_in_the_members_language(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks, language="zh-hans")
    message = mail.outbox[0]
    assert "你的弄堂数据" in message.subject
    assert "/zh-hans/privacy/export/download/" in message.body
    _response, content = fetch(client, download_link(message))
    archive, _data = read_archive(content)
    readme = archive.read("README.txt").decode()
    assert "你在弄堂的数据" in readme
    assert "data/identity.json" in readme


def test_the_archive_is_stored_privately_never_under_media(
    client, member, settings, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    path = export.archive.path
    assert path.startswith(str(settings.PRIVACY_EXPORT_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no URL"):
        export.archive.url  # noqa: B018
    assert client.get(f"{settings.MEDIA_URL}{export.archive.name}").status_code == 404


def test_someone_elses_link_is_a_404(client, member, other_member, django_capture_on_commit_callbacks):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    link = download_link(mail.outbox[0])
    client.force_login(other_member)
    assert client.get(link).status_code == 404


def test_a_link_signed_for_someone_else_does_not_open_anothers_archive(
    client, member, other_member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    # A validly signed token naming the member's archive but the other member's id.
    forged = signing.dumps({"e": export.uuid.hex, "u": other_member.pk}, salt=SALT)
    client.force_login(other_member)
    assert client.get(f"/en/privacy/export/download/{forged}/").status_code == 404


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "eyJlIjoiMSIsInUiOjF9:1tAAAA:forgedsignatureforgedsignature",
        "%3Cscript%3E",
        "x" * 500,
    ],
)
def test_forged_or_garbled_links_are_a_404(client, member, token):
    client.force_login(member)
    assert client.get(f"/en/privacy/export/download/{token}/").status_code == 404


def test_a_token_signed_with_another_salt_is_refused(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    token = signing.dumps({"e": export.uuid.hex, "u": member.pk}, salt="some.other.purpose")
    assert client.get(f"/en/privacy/export/download/{token}/").status_code == 404


def test_a_link_needs_the_owner_signed_in(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    link = download_link(mail.outbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_expired_link_is_refused_with_a_clear_page(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    link = download_link(mail.outbox[0])
    with freeze_time(timezone.now() + timedelta(days=settings.PRIVACY_EXPORT_LINK_MAX_AGE_DAYS, minutes=1)):
        client.force_login(member)
        response = client.get(link)
    assert response.status_code == 410
    body = response.content.decode()
    assert "This download link has expired" in body
    assert 'href="/en/privacy/export/"' in body


def test_archives_are_deleted_after_seven_days_by_the_retention_job(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    path = export.archive.path
    with freeze_time(export.requested_at + timedelta(days=7) - timedelta(minutes=1)):
        apply_retention.delay()
    assert ExportRequest.objects.filter(pk=export.pk).exists()
    with freeze_time(export.requested_at + timedelta(days=7, minutes=1)):
        apply_retention.delay()
    assert not ExportRequest.objects.filter(pk=export.pk).exists()
    assert not os.path.exists(path)


def test_a_deleted_archive_behind_a_still_valid_link_gives_the_expired_page(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    export.archive.storage.delete(export.archive.name)
    response = client.get(f"/en/privacy/export/download/{make_download_token(export)}/")
    assert response.status_code == 410


def test_running_the_task_again_builds_and_emails_nothing_twice(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(user=member)
    name = export.archive.name
    build_export.delay(export.pk, "http://testserver/")
    build_export.delay(export.pk, "http://testserver/")
    export.refresh_from_db()
    assert export.archive.name == name
    assert len(mail.outbox) == 1


def test_a_second_request_while_one_is_recent_does_not_start_another(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    ask_for_export(client, django_capture_on_commit_callbacks)
    callbacks = ask_for_export(client, django_capture_on_commit_callbacks)
    assert callbacks == []
    assert ExportRequest.objects.filter(user=member).count() == 1
    page = client.get("/en/privacy/export/").content.decode()
    assert "Ready to download" in page
    assert re.search(r'href="/en/privacy/export/download/[^"]+/"', page)


def test_the_download_page_lists_only_the_members_own_requests(client, member, other_member):
    ExportRequest.objects.create(user=other_member)
    client.force_login(member)
    page = client.get("/en/privacy/export/").content.decode()
    assert "Being prepared" not in page


def test_a_request_stuck_for_a_day_does_not_block_a_new_one(
    client, member, django_capture_on_commit_callbacks
):
    stuck = ExportRequest.objects.create(user=member)
    ExportRequest.objects.filter(pk=stuck.pk).update(
        requested_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    client.force_login(member)
    callbacks = ask_for_export(client, django_capture_on_commit_callbacks)
    assert len(callbacks) == 1
    assert ExportRequest.objects.filter(user=member, status=ExportRequest.READY).count() == 1
