"""R-PRIV-3: deleting an account erases or anonymises every registered field, removes
uploads, keeps what is declared `keep`, and can run again safely."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.test.utils import isolate_apps
from wagtail.models import Page, PageLogEntry
from wagtail.users.models import UserProfile

from accounts.signals import account_deletion_requested
from core.models import RequestLogEntry
from core.personal_data import Field, registry
from privacy.erasure import ErasureIncomplete, erase_user
from privacy.models import ExportRequest
from tests.factories.pages import english_home
from tests.privacy.helpers import give_domain_data, give_member_data, phone_of, wechat_of

pytestmark = pytest.mark.django_db


def identifying_values(user):
    return [user.email, user.username, user.first_name, user.last_name, phone_of(user), wechat_of(user)]


def tables_containing(needle):
    """Every (model, field) whose stored text contains ``needle``, across all tables."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.proxy or model._meta.db_table not in tables:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            rows = model._default_manager.all()
            if isinstance(field, models.JSONField):
                rows = rows.annotate(_as_text=Cast(field.name, models.TextField())).filter(
                    _as_text__contains=needle
                )
            else:
                rows = rows.filter(**{f"{field.name}__contains": needle})
            if rows.exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def files_containing(root, needle):
    hits = []
    for path in Path(root).rglob("*"):
        if path.is_file() and (needle.encode() in path.read_bytes() or needle in path.name):
            hits.append(str(path))
    return hits


def test_erasure_leaves_nothing_identifying_in_any_table_or_the_media_folder(
    client, member, other_member, settings, django_capture_on_commit_callbacks
):
    give_member_data(other_member)
    made = give_member_data(member, client)
    give_domain_data(member, other_member)  # listings, reviews, events, messages, tickets…
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/privacy/export/")
    assert ExportRequest.objects.get(user=member).archive
    assert Session.objects.count() == 1
    values = identifying_values(member)
    assert tables_containing(member.email)  # the scan finds what is there

    erase_user(member.pk)

    # Only what tax law keeps, declared `keep` with its reason, may still name them.
    kept = {f"{d.label}.{f.name}" for d in registry.declarations() for f in d.fields if f.erase == "keep"}
    for needle in values:
        found = tables_containing(needle)
        assert [hit for hit in found if hit not in kept] == [], needle
        assert set(found) <= {"payments.Invoice.buyer_name", "payments.Order.invoice_name"}, needle
        assert files_containing(settings.MEDIA_ROOT, needle) == [], needle
    assert set(tables_containing("Qiuyue Zhangsun")) == {
        "payments.Invoice.buyer_name",
        "payments.Order.invoice_name",
    }
    assert not os.path.exists(made["avatar"])
    assert list(Path(settings.PRIVACY_EXPORT_ROOT).rglob("*.zip")) == []
    assert not Session.objects.exists()  # signed out everywhere
    assert not RequestLogEntry.objects.filter(user=member).exists()
    assert not UserProfile.objects.filter(user=member).exists()


def test_what_is_declared_keep_is_kept_and_the_rest_is_cleared(member):
    give_member_data(member)
    entry = LogEntry.objects.get(user=member)
    revision = english_home().get_latest_revision()
    erase_user(member.pk)
    entry.refresh_from_db()
    assert entry.change_message == "Changed the home page"  # an audit record: kept for a year
    revision.refresh_from_db()
    assert revision.user is None  # the page's history stays, without the editor's name


def test_erasure_does_not_touch_other_members(member, other_member):
    give_member_data(other_member)
    give_member_data(member)
    erase_user(member.pk)
    assert RequestLogEntry.objects.filter(user=other_member).count() == 1
    assert UserProfile.objects.get(user=other_member).avatar
    assert LogEntry.objects.filter(user=other_member).exists()
    if hasattr(other_member, "profile"):
        other_member.profile.refresh_from_db()
        assert other_member.profile.phone == phone_of(other_member)


def test_a_page_locked_by_someone_else_stays_locked_by_them(member, other_member):
    home = english_home()
    Page.objects.filter(pk=home.pk).update(owner=member, locked=True, locked_by=other_member)
    erase_user(member.pk)
    home.refresh_from_db()
    assert home.owner is None
    assert home.locked_by == other_member
    erase_user(other_member.pk)
    home.refresh_from_db()
    assert home.locked_by is None


def test_erasure_can_run_again_after_a_crash_or_twice(member):
    give_member_data(member)
    first = erase_user(member.pk)
    second = erase_user(member.pk)
    assert sum(first.deleted.values()) > 0
    assert sum(second.deleted.values()) == 0
    assert second.files == 0


def test_an_erasure_for_a_user_that_no_longer_exists_is_harmless(db):
    report = erase_user(987654)
    assert report.deleted == {} and report.errors == {}


def test_the_user_row_is_handled_last_so_links_to_it_survive_until_the_end():
    labels = [d.label for d in registry.declarations()]
    user_declaration = registry.user_declaration()
    if user_declaration is not None:
        assert labels[-1] == user_declaration.label


@isolate_apps("tests")
def test_one_failing_model_does_not_stop_the_others_and_is_retried(member):
    class Broken(models.Model):  # noqa: DJ008 - a throwaway model
        user = models.ForeignKey("accounts.User", on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

    def explode(queryset, user_id):
        raise RuntimeError("storage is down")

    give_member_data(member)
    with registry.isolated():
        registry.declare(Broken, owner=explode, fields=[Field("user", "device", erase="delete_row")])
        with pytest.raises(ErasureIncomplete, match="storage is down"):
            erase_user(member.pk)
    assert not RequestLogEntry.objects.filter(user=member).exists()  # the rest went ahead


def test_account_deletion_hands_over_to_erasure_once_the_deletion_commits(
    member, django_capture_on_commit_callbacks
):
    give_member_data(member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        member.is_active = False
        member.save()
        account_deletion_requested.send(sender=type(member), user=member)
        # Nothing is erased while the deletion's transaction is still open.
        assert RequestLogEntry.objects.filter(user=member).exists()
    erasure = [c for c in callbacks if "erase" in c.__qualname__]  # others purge cached pages
    assert len(erasure) == 1
    erasure[0]()
    assert not RequestLogEntry.objects.filter(user=member).exists()
    assert not UserProfile.objects.filter(user=member).exists()


def test_erasing_an_editor_keeps_the_public_version_history_of_pages(member):
    home = english_home()
    home.save_revision(user=member).publish(user=member, skip_permission_checks=True)
    entries = PageLogEntry.objects.filter(page=home, action="wagtail.publish")
    assert entries.filter(user=member).exists()
    erase_user(member.pk)
    assert entries.exists()
    assert not entries.filter(user=member).exists()
