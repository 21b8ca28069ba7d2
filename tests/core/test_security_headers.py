"""Security headers: a strict Content-Security-Policy on every public page, in both
languages, with no inline script or style left for it to block; the relaxed policy
keeps the admin working; the other headers ride on every response."""

import re
from datetime import time

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from privacy.models import ConsentScripts
from tests.factories import articles as article_factories
from tests.factories.classifieds import ListingFactory
from tests.factories.directory import make_venue, restaurants_category
from tests.factories.events import events_calendar, make_event, sh
from tests.factories.users import UserFactory

LANGUAGES = ["en", "zh-hans"]
# Browsers never run these: they are data, not scripts.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def directives(response):
    header = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture
def public_pages(db):
    """One page of each public type, as (kind, path) in both languages."""
    guide = article_factories.guide()
    article = article_factories.make_article(guide, "Best dumplings", zh="最好的饺子")
    venue = make_venue(
        restaurants_category(), "Jia Jia Tang Bao", periods=[(0, time(9), time(21))], zh="佳家汤包"
    )
    calendar = events_calendar()
    make_event(calendar, "Jazz night", sh(2026, 12, 20, 20, 0), zh="爵士之夜")
    listing = ListingFactory()
    zh = article_factories.zh_of
    pages = {}
    for language in LANGUAGES:
        with translation.override(language):
            pages[language] = {
                "home": f"/{language}/",
                "article": article.url if language == "en" else zh(article).url,
                "venue": venue.url if language == "en" else zh(venue).url,
                "calendar": calendar.url if language == "en" else zh(calendar).url,
                "listing": listing.get_absolute_url(),
                "browse": reverse("classifieds:overview"),
                "search": reverse("search") + "?q=dumplings",
                "sign-in": reverse("account_login"),
            }
    return pages


def each_page(public_pages):
    for language in LANGUAGES:
        for kind, path in public_pages[language].items():
            yield language, kind, path


def test_every_public_page_sends_the_strict_policy_and_the_other_headers(client, public_pages):
    for language, kind, path in each_page(public_pages):
        response = client.get(path)
        where = f"{kind} ({language}) {path}"
        assert response.status_code == 200, where
        assert f'lang="{language}"' in response.content.decode()[:300], where
        policy = directives(response)
        for directive in ("script-src", "style-src"):
            assert "'self'" in policy[directive], where
            assert "'unsafe-inline'" not in policy[directive], where
            assert "'unsafe-eval'" not in policy[directive], where
        assert policy["object-src"] == ["'none'"], where
        assert policy["frame-ancestors"] == ["'none'"], where
        assert policy["img-src"] == ["'self'", "data:"], where
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", where
        assert response["X-Content-Type-Options"] == "nosniff", where
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in permissions, where


def test_no_inline_script_or_style_is_left_on_public_pages(client, public_pages):
    for language, kind, path in each_page(public_pages):
        response = client.get(path)
        where = f"{kind} ({language}) {path}"
        html = BeautifulSoup(response.content, "html.parser")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        for script in html.find_all("script"):
            if script.get("src") or script.get("type") in DATA_SCRIPT_TYPES:
                continue
            assert nonce and script.get("nonce") == nonce.group(1), f"{where}: {script}"
        assert html.find_all("style") == [], where
        assert html.select("[style]") == [], f"{where}: {html.select('[style]')[:3]}"
        assert not html.find_all(attrs=lambda attrs: any(a.startswith("on") for a in attrs or {})), where


def test_consented_snippet_runs_with_the_request_nonce(client, public_pages):
    scripts = ConsentScripts.load()
    scripts.analytics_snippet = '<script id="probe">window.probe = 1;</script>'
    scripts.save()
    client.post("/consent/", {"choice": "accept_all", "next": "/en/"})
    response = client.get("/en/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}" id="probe">' in response.content.decode()
    # Each response has its own nonce.
    assert nonce not in client.get("/en/")["Content-Security-Policy"]


def test_without_a_nonced_script_the_policy_names_no_nonce(client, public_pages):
    assert "nonce-" not in client.get("/en/")["Content-Security-Policy"]


def test_the_admin_renders_under_its_relaxed_policy(client, public_pages):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = directives(response)
        assert "'unsafe-inline'" in policy["script-src"], path
        assert "'unsafe-inline'" in policy["style-src"], path
        assert not any(value.startswith("'nonce-") for value in policy["script-src"]), path
        assert policy["frame-ancestors"] == ["'self'"], path
        assert response["Permissions-Policy"].startswith("accelerometer=()"), path
    # The admin's own screens style themselves from a file.
    assert "core/css/admin.css" in client.get("/admin/").content.decode()


def test_other_responses_carry_the_headers_too(client, db):
    for path in ("/healthz", "/robots.txt", "/en/no-such-page/"):
        response = client.get(path)
        assert "Content-Security-Policy" in response, path
        assert "Permissions-Policy" in response, path
        assert response["X-Content-Type-Options"] == "nosniff", path
