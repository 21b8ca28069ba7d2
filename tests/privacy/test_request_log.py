"""R-LOG-1 and R-PRIV-6: the request log keeps a minimised record of each sampled
request without slowing it down; staff see aggregates only."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory

from core import request_log
from core.models import RequestLogEntry
from core.request_log import RequestLogMiddleware, strip_url, truncate_ip
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def logging_on(settings):
    settings.REQUEST_LOG_ENABLED = True
    settings.REQUEST_LOG_SAMPLE_RATE = 1.0
    settings.REQUEST_LOG_BATCH_SIZE = 1
    request_log.buffer.drain()
    yield settings
    request_log.buffer.drain()


@pytest.mark.parametrize(
    ("address", "stored"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("10.1.2.255", "10.1.2.0"),
        ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
        ("::ffff:198.51.100.23", "198.51.100.0"),
        ("not an address", None),
        ("", None),
        ("999.1.1.1", None),
    ],
)
def test_ip_addresses_are_cut_to_their_network_before_storage(address, stored):
    assert truncate_ip(address) == stored


def test_referrers_and_paths_lose_their_query_strings():
    assert strip_url("https://search.example/q?email=someone%40example.com#top") == (
        "https://search.example/q",
        "search.example",
    )
    assert strip_url("/en/search/?q=my+phone+number") == ("/en/search/", "")
    assert strip_url("http://[::1") == ("", "")


def test_a_page_view_is_recorded_minimised(client, demo_site, logging_on):
    member = UserFactory(username="walker")
    client.force_login(member)
    response = client.get(
        "/en/about/?utm_source=newsletter&email=walker@example.com",
        headers={"user-agent": IPHONE, "referer": "https://weibo.example/post/123?uid=42"},
        REMOTE_ADDR="203.0.113.77",
    )
    assert response.status_code == 200
    entry = RequestLogEntry.objects.get()
    assert entry.path == "/en/about/"
    assert entry.status_code == 200
    assert entry.ip_prefix == "203.0.113.0"
    assert (entry.browser, entry.os, entry.device, entry.is_bot) == ("Mobile Safari", "iOS", "mobile", False)
    assert entry.referrer == "https://weibo.example/post/123"
    assert entry.referrer_host == "weibo.example"
    assert entry.user == member
    stored = " ".join(str(v) for v in RequestLogEntry.objects.values().get().values())
    assert "77" not in entry.ip_prefix and "walker@example.com" not in stored and "uid=42" not in stored


def test_the_log_is_off_by_setting(client, demo_site, settings):
    settings.REQUEST_LOG_ENABLED = False
    client.get("/en/about/")
    assert RequestLogEntry.objects.count() == 0


def test_the_log_can_be_sampled(client, demo_site, logging_on, monkeypatch):
    logging_on.REQUEST_LOG_SAMPLE_RATE = 0.25
    draws = iter([0.1, 0.9, 0.3, 0.2])
    monkeypatch.setattr(request_log.random, "random", lambda: next(draws))
    for _ in range(4):
        client.get("/en/about/")
    assert RequestLogEntry.objects.count() == 2
    logging_on.REQUEST_LOG_SAMPLE_RATE = 0
    client.get("/en/about/")
    assert RequestLogEntry.objects.count() == 2


@pytest.mark.parametrize("path", ["/static/core/css/site.css", "/admin/", "/healthz"])
def test_assets_admin_and_health_checks_are_not_logged(client, logging_on, path):
    client.get(path)
    assert RequestLogEntry.objects.count() == 0


def test_the_request_itself_never_writes_to_the_database(rf, logging_on, django_assert_num_queries):
    """Writing happens after the response is sent, in one bulk insert per batch."""
    logging_on.REQUEST_LOG_BATCH_SIZE = 3
    from django.http import HttpResponse

    middleware = RequestLogMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/en/", headers={"user-agent": FIREFOX})
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        for _ in range(3):
            middleware(request)
    assert len(request_log.buffer) == 3
    with django_assert_num_queries(1):  # one INSERT for the whole batch
        request_log.flush_if_due()
    assert RequestLogEntry.objects.filter(browser="Firefox", os="Linux").count() == 3


def test_a_batch_waits_until_it_is_full_or_old(client, demo_site, logging_on):
    logging_on.REQUEST_LOG_BATCH_SIZE = 3
    logging_on.REQUEST_LOG_FLUSH_SECONDS = 3600
    client.get("/en/about/")
    client.get("/en/about/")
    assert RequestLogEntry.objects.count() == 0
    client.get("/en/about/")
    assert RequestLogEntry.objects.count() == 3


def test_a_database_error_while_flushing_loses_lines_not_requests(logging_on, monkeypatch):
    from django.db import DatabaseError

    request_log.buffer.add(
        request_log.PendingEntry(
            created_at=request_log.timezone.now(),
            method="GET",
            path="/en/",
            status_code=200,
            referrer="",
            remote_addr="203.0.113.1",
            user_agent=FIREFOX,
            user_id=None,
        )
    )

    def fail(*args, **kwargs):
        raise DatabaseError("read-only replica")

    monkeypatch.setattr(RequestLogEntry.objects, "bulk_create", fail)
    assert request_log.buffer.flush() == 0
    assert len(request_log.buffer) == 0


def make_traffic():
    rows = []
    now = request_log.timezone.now()
    for path, count in [("/en/", 12), ("/en/about/", 6), ("/en/members/rare-person/", 1)]:
        for _ in range(count):
            rows.append(
                RequestLogEntry(
                    created_at=now,
                    method="GET",
                    path=path,
                    status_code=200,
                    browser="Chrome",
                    os="Windows",
                    device="pc",
                    referrer_host="search.example",
                    ip_prefix="198.51.100.0",
                    user=None,
                )
            )
    RequestLogEntry.objects.bulk_create(rows)


def test_staff_see_aggregates_only_with_rare_rows_folded_away(client):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    member = UserFactory(username="someone_specific")
    make_traffic()
    RequestLogEntry.objects.update(user=member)
    client.force_login(admin)
    response = client.get("/admin/privacy/traffic/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/en/about/" in html and ">12<" in html
    assert "rare-person" not in html  # one visit only: counted under "other"
    assert "198.51.100" not in html  # no network addresses
    assert "someone_specific" not in html  # and never a person
    assert "search.example" in html and "Chrome" in html


def test_the_traffic_view_needs_the_log_permission(client):
    editor = UserFactory(username="editor", is_staff=True)
    editors = Group.objects.create(name="Statistics readers")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    response = client.get("/admin/privacy/traffic/")
    assert response.status_code in (302, 403)
    editors.permissions.add(Permission.objects.get(codename="view_requestlogentry"))
    assert client.get("/admin/privacy/traffic/").status_code == 200


def test_no_admin_screen_lists_individual_log_rows(client):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/django-admin/core/requestlogentry/", follow=True).status_code == 404
    assert client.get("/admin/snippets/core/requestlogentry/", follow=True).status_code == 404
