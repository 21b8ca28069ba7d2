"""Staff manage members in the Wagtail admin; unverified members cannot post."""

import pytest
from allauth.account.decorators import verified_email_required
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

from accounts.models import Profile
from settings import urls as site_urls
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@verified_email_required
def post_something(request):
    return HttpResponse("posted")


urlpatterns = [path("post/", post_something), *site_urls.urlpatterns]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    return client


def test_staff_see_verification_state_in_the_user_list(staff_client, member, unverified_member):
    Profile.objects.filter(user=member).update(phone="+8613812345678", phone_verified_at=timezone.now())
    response = staff_client.get("/admin/users/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Email verified" in body and "Phone verified" in body
    assert "mei@example.com" in body and "newbie@example.com" in body


def test_staff_filter_users_by_email_verification(staff_client, member, unverified_member):
    body = staff_client.get("/admin/users/", {"email_verified": "false"}).content.decode()
    assert "newbie" in body and "mei@example.com" not in body
    body = staff_client.get("/admin/users/", {"email_verified": "true"}).content.decode()
    assert "mei@example.com" in body and "newbie@example.com" not in body


def test_staff_search_users_by_email(staff_client, member, unverified_member):
    body = staff_client.get("/admin/users/", {"q": "newbie@example"}).content.decode()
    assert "newbie" in body and "mei@example.com" not in body


def test_staff_deactivate_a_member(staff_client, member):
    response = staff_client.get(f"/admin/users/edit/{member.pk}/")
    assert response.status_code == 200
    assert 'name="is_active"' in response.content.decode()


def test_members_without_staff_rights_cannot_open_the_admin(member_client):
    response = member_client.get("/admin/users/")
    assert response.status_code == 302


@pytest.mark.urls("tests.accounts.test_admin_and_posting_gate")
def test_unverified_members_cannot_post(client, unverified_member, member):
    client.force_login(unverified_member)
    response = client.get("/post/")
    assert b"posted" not in response.content
    assert "Verify Your Email Address" in response.content.decode()
    client.force_login(member)
    assert client.get("/post/").content == b"posted"
