"""Front cache: Varnish with deploy/varnish/default.vcl in front of the application,
purged by wagtail.contrib.frontend_cache when a page is published.

On PostgreSQL with Redis (CI, production) the application runs under gunicorn, a
separate process reading the committed test database and sharing the Redis cache.
Otherwise (SQLite in memory, a local-memory cache) no other process could see the
test database or have its page cache purged by the test, so Varnish is put in front
of pytest-django's live server.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.conftest import require_or_skip
from tests.factories.pages import StandardPageFactory, english_home
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"
# The default Site's hostname: the host Wagtail names in its purges.
HOST = "localhost"
HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
CONSENT = "cookie_consent=analytics=-1|advertising=-1|preferences=-1"


def _varnishd():
    return shutil.which("varnishd") or next(
        (path for path in ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd") if os.access(path, os.X_OK)),
        None,
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port, process, what, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"{what} did not listen on port {port} within {timeout}s:\n{log.read_text()}")


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _database_url(db):
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    netloc = f"{auth}@{db['HOST'] or '127.0.0.1'}"
    if db.get("PORT"):
        netloc += f":{db['PORT']}"
    return f"postgres://{netloc}/{db['NAME']}"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def cache(self):
        return self.headers.get("X-Cache")

    @property
    def cookies(self):
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class FrontCache:
    port: int
    backend: str

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, path, method="GET", cookie=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": HOST, **(headers or {})}
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def get(self, path, cookie=None):
        response = self.request(path, cookie=cookie)
        assert response.status == 200, (path, response.status, response.body[:500])
        return response


@pytest.fixture(scope="module")
def front_cache(request, django_db_setup, tmp_path_factory):
    """Varnish on a spare port, running the project's VCL with the backend pointed at
    the application: gunicorn on PostgreSQL with Redis, the live server otherwise."""
    varnishd = _varnishd()
    if not varnishd:
        require_or_skip("LONGTANG_REQUIRE_VARNISH", "varnishd is not installed (Debian package varnish)")
    from django.db import connection

    workdir = tmp_path_factory.mktemp("front-cache")
    db = connection.settings_dict
    shared_cache = bool(os.environ.get("REDIS_URL"))
    if connection.vendor == "postgresql" and not shared_cache and os.environ.get("LONGTANG_REQUIRE_VARNISH"):
        pytest.fail("gunicorn behind Varnish needs REDIS_URL: its page cache is the one the test purges")
    if connection.vendor == "postgresql" and shared_cache:
        backend = "gunicorn"
        backend_host, backend_port = "127.0.0.1", _free_port()
        gunicorn_log = workdir / "gunicorn.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "DATABASE_URL": _database_url(db),
            "DB_CONN_MAX_AGE": "0",
        }
        env.pop("FRONTEND_CACHE_VARNISH_URL", None)
        with gunicorn_log.open("w") as log:
            gunicorn = subprocess.Popen(  # noqa: S603 - fixed arguments
                [
                    str(Path(sys.executable).with_name("gunicorn")),
                    "settings.wsgi:application",
                    "--bind",
                    f"{backend_host}:{backend_port}",
                    "--workers",
                    "1",
                    "--access-logfile",
                    "-",
                ],
                cwd=django_settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        request.addfinalizer(lambda: _stop(gunicorn))
        _wait_for(backend_port, gunicorn, "gunicorn", gunicorn_log)
    else:
        # No other process can read an in-memory SQLite test database, and only this
        # process can purge its local-memory page cache: the live server shares both.
        backend = "live server"
        live_server = request.getfixturevalue("live_server")
        backend_host, backend_port = re.match(r"http://([^:/]+):(\d+)", live_server.url).groups()

    vcl = VCL.read_text()
    vcl, hosts = re.subn(r'(backend default \{[^}]*\.host = )"[^"]*";', rf'\1"{backend_host}";', vcl)
    vcl, ports = re.subn(r'(backend default \{[^}]*\.port = )"[^"]*";', rf'\1"{backend_port}";', vcl)
    assert hosts == ports == 1, "deploy/varnish/default.vcl: no backend default with .host and .port"
    vcl_file = workdir / "default.vcl"
    vcl_file.write_text(vcl)
    port = _free_port()
    varnish_log = workdir / "varnishd.log"
    with varnish_log.open("w") as log:
        varnish = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                varnishd,
                "-F",  # foreground: the fixture owns the process
                "-j",
                "none",  # no privilege separation: runs as whoever runs the tests
                "-n",
                str(workdir / "varnish"),
                "-a",
                f"127.0.0.1:{port}",
                "-T",
                "none",
                "-f",
                str(vcl_file),
                "-s",
                "malloc,32m",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    request.addfinalizer(lambda: _stop(varnish))
    _wait_for(port, varnish, "varnishd", varnish_log)
    return FrontCache(port=port, backend=backend)


@pytest.fixture
def purging(settings, front_cache):
    """Wagtail's purges go to this Varnish (they are sent from the test process)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": HTTP_BACKEND,
            "LOCATION": front_cache.url,
        }
    }
    return front_cache


def _page(title, introduction, parent=None):
    return StandardPageFactory(parent=parent or english_home(), title=title, introduction=introduction)


def _path(page):
    return quote(page.get_url())


def _seen_by_other_processes():
    """gunicorn's workers see a purge made here within a second (core/page_cache.py)."""
    from core import page_cache

    time.sleep(page_cache.GENERATION_MEMORY_SECONDS + 0.2)


def _publish(page, introduction):
    page.introduction = introduction
    page.save_revision().publish()
    _seen_by_other_processes()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://127.0.0.1:6081",
            {"varnish": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://127.0.0.1:6081"}},
        ),
        (None, {}),
    ],
)
def test_the_front_cache_comes_from_frontend_cache_varnish_url(url, expected):
    env = {k: v for k, v in os.environ.items() if k != "FRONTEND_CACHE_VARNISH_URL"}
    if url:
        env["FRONTEND_CACHE_VARNISH_URL"] = url
    code = "import json; from settings import base; print(json.dumps(base.WAGTAILFRONTENDCACHE))"
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(output) == expected
    assert "wagtail.contrib.frontend_cache" in django_settings.INSTALLED_APPS


def test_second_anonymous_request_is_a_hit_and_publishing_purges_every_variant(purging):
    page = _page("Tram timetable", "Trams run every ten minutes.")
    other = _page("Ferry timetable", "Ferries run every hour.")
    path = _path(page)

    first = purging.get(path)
    assert first.cache == "MISS"
    assert "Trams run every ten minutes." in first.body
    assert not first.cookies
    # The application's contract with shared caches (core/page_cache.py).
    assert "public" in first.headers["Cache-Control"]
    assert "s-maxage=" in first.headers["Cache-Control"]
    assert first.headers["X-Page-Cache"] in {"miss", "hit"}
    second = purging.get(path)
    assert second.cache == "HIT"
    assert second.body == first.body
    assert purging.get(path + "?page=2").cache == "MISS"
    assert purging.get(path + "?page=2").cache == "HIT"
    assert purging.get(_path(other)).cache == "MISS"
    assert purging.get(_path(other)).cache == "HIT"

    _publish(page, "Trams now run every five minutes.")

    fresh = purging.get(path)
    assert fresh.cache == "MISS"
    assert fresh.headers.get("X-Page-Cache") != "hit", "the application's page cache was not purged"
    assert "Trams now run every five minutes." in fresh.body
    assert purging.get(path).cache == "HIT"
    variant = purging.get(path + "?page=2")
    assert variant.cache == "MISS"
    assert "Trams now run every five minutes." in variant.body
    # Only the published page's addresses were purged.
    assert purging.get(_path(other)).cache == "HIT"


def test_unpublishing_purges_the_page(purging):
    page = _page("Night buses", "Night buses leave from the station.")
    path = _path(page)
    purging.get(path)
    assert purging.get(path).cache == "HIT"

    page.unpublish()
    _seen_by_other_processes()

    assert purging.request(path).status == 404


def test_the_applications_purges_reach_the_front_cache(purging):
    from core import page_cache

    parent = _page("Transport", "Getting around the city.")
    child = _page("Metro lines", "Twenty lines and counting.", parent=parent)
    other = _page("Weather", "Humid summers.")
    addresses = [_path(parent), _path(parent) + "?page=2", _path(child), _path(other)]
    for address in addresses:
        assert purging.get(address).cache == "MISS"
        assert purging.get(address).cache == "HIT"

    page_cache.purge_paths([_path(child)])
    assert [purging.get(address).cache for address in addresses] == ["HIT", "HIT", "MISS", "HIT"]

    page_cache.purge_trees([_path(parent)])
    assert [purging.get(address).cache for address in addresses] == ["MISS", "MISS", "MISS", "HIT"]

    page_cache.purge_all()
    assert [purging.get(address).cache for address in addresses] == ["MISS", "MISS", "MISS", "MISS"]
    assert [purging.get(address).cache for address in addresses] == ["HIT", "HIT", "HIT", "HIT"]


def test_only_local_purges_are_accepted(front_cache):
    path = _path(_page("Markets", "The markets open at dawn."))
    front_cache.get(path)
    assert front_cache.get(path).cache == "HIT"
    # Relayed by a proxy in front of Varnish: a visitor's request, refused.
    relayed = front_cache.request(path, method="PURGE", headers={"X-Forwarded-For": "203.0.113.9"})
    assert relayed.status == 405
    assert front_cache.get(path).cache == "HIT"
    assert front_cache.request(path, method="PURGE").status == 200
    assert front_cache.get(path).cache == "MISS"
    # A tree purge's path is matched literally: regular-expression characters in it
    # are escaped (unescaped, "^/en/(a[" would not even compile).
    assert front_cache.request("/en/(a[.+/*", method="PURGE").status == 200
    assert front_cache.get(path).cache == "HIT"


def test_only_the_consent_cookie_splits_the_cache(front_cache):
    path = _path(_page("Parks", "The parks open at six."))
    assert front_cache.get(path).cache == "MISS"
    # Cookies other than the consent choice (analytics, a CSRF token on a GET) are
    # dropped: the anonymous copy is served.
    assert front_cache.get(path, cookie="_ga=GA1.1.1.1; csrftoken=abc").cache == "HIT"
    # One copy per consent choice.
    with_choice = front_cache.get(path, cookie=f"_ga=GA1.1.1.1; {CONSENT}")
    assert with_choice.cache == "MISS"
    assert not with_choice.cookies
    assert front_cache.get(path, cookie=CONSENT).cache == "HIT"
    assert front_cache.get(path).cache == "HIT"


def test_a_signed_in_visitor_never_gets_a_cached_page(front_cache):
    path = _path(_page("Libraries", "The libraries open at nine."))
    anonymous = front_cache.get(path)
    assert front_cache.get(path).cache == "HIT"
    assert "Log out" not in anonymous.body

    client = Client()
    client.force_login(UserFactory())
    session = f"sessionid={client.cookies['sessionid'].value}"
    for cookie in (session, f"{CONSENT}; {session}", f"{session}; messages=abc"):
        for _ in range(2):
            signed_in = front_cache.get(path, cookie=cookie)
            assert signed_in.cache != "HIT"
            assert "Log out" in signed_in.body
            assert re.search(r"private|no-cache|no-store", signed_in.headers["Cache-Control"])
    # Nothing the signed-in visitor saw was stored for anonymous visitors.
    after = front_cache.get(path)
    assert after.cache == "HIT"
    assert "Log out" not in after.body


def test_a_response_that_sets_a_cookie_is_not_stored(front_cache):
    # The sign-in page hands a visitor without one a CSRF cookie.
    path = "/en/accounts/login/"
    for _ in range(3):
        response = front_cache.get(path)
        assert any(cookie.startswith("csrftoken=") for cookie in response.cookies)
        assert re.search(r"private|no-cache|no-store", response.headers["Cache-Control"])
        assert response.cache != "HIT"


def test_posts_are_never_cached(front_cache):
    path = _path(_page("Museums", "The museums open at ten."))
    assert front_cache.get(path).cache == "MISS"
    assert front_cache.request(path, method="POST").headers.get("X-Cache") != "HIT"
    assert front_cache.request(path, method="POST").headers.get("X-Cache") != "HIT"
