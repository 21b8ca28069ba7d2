"""`load_demo_content` builds both locales and an admin, and is safe to run twice."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def run_demo():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def printed_password(output):
    return re.search(r"password: (\S+)", output).group(1)


def test_demo_content_twice_gives_one_tree_per_locale_and_a_working_admin(client):
    run_demo()
    output = run_demo()
    assert HomePage.objects.count() == 2
    assert StandardPage.objects.filter(slug="about").count() == 2
    assert get_user_model().objects.filter(username="admin").count() == 1

    response = client.post(
        "/admin/login/", {"username": "admin", "password": printed_password(output)}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.is_superuser
    assert client.get("/admin/").status_code == 200


def test_demo_pages_are_served_in_both_languages(client):
    run_demo()
    assert client.get("/en/about/").status_code == 200
    assert client.get("/zh-hans/about/").status_code == 200
