"""Banners: booked with a creative at checkout, paid, approved by an editor, shown in
their position on their days only."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from payments import orders
from payments.models import AdBooking, AdPosition, AdStatus, Order, ProductKind
from tests.factories.payments import ProductFactory
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def banner_image(size=(1200, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def banner_product(db):
    return ProductFactory(
        code="banner-classifieds-7",
        kind=ProductKind.AD_SLOT,
        name_en="Classifieds banner, 7 days",
        credits=0,
        days=7,
        ad_position=AdPosition.CLASSIFIEDS_TOP,
        price="800.00",
    )


@pytest.fixture
def advertiser_client(client):
    client.force_login(verified_user(username="shop", email="shop@example.com"))
    return client


def book(client, first_day, **changes):
    data = {
        "method": "bank",
        "invoice_name": "Lane Shop",
        "starts_on": first_day.isoformat(),
        "image": banner_image(),
        "link_url": "https://lane.example/sale",
        "alt_text": "Spring sale at Lane Shop",
        **changes,
    }
    return client.post("/en/payments/buy/banner-classifieds-7/", data)


def editor_client():
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_adbooking"),
    )
    client = Client()
    client.force_login(editor)
    return client


def test_a_paid_and_approved_banner_shows_on_its_days(advertiser_client, banner_product, client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = book(advertiser_client, tomorrow)
    assert response.status_code == 302
    booking = AdBooking.objects.get()
    assert booking.ends_on == tomorrow + timedelta(days=6)
    assert booking.status == AdStatus.AWAITING_PAYMENT
    orders.mark_paid(booking.order)
    booking.refresh_from_db()
    assert booking.status == AdStatus.IN_REVIEW
    # Approval is an editor's decision: a rejection needs a note.
    editors = editor_client()
    editors.post(f"/admin/payments/banners/{booking.pk}/", {"decision": "reject", "note": ""})
    assert AdBooking.objects.get().status == AdStatus.IN_REVIEW
    editors.post(f"/admin/payments/banners/{booking.pk}/", {"decision": "approve"})
    assert AdBooking.objects.get().status == AdStatus.APPROVED
    # Not yet: it starts tomorrow.
    assert "Spring sale at Lane Shop" not in client.get("/en/classifieds/housing/").content.decode()
    AdBooking.objects.filter(pk=booking.pk).update(starts_on=timezone.localdate())
    cache.clear()
    page = client.get("/en/classifieds/housing/").content.decode()
    assert "Spring sale at Lane Shop" in page and 'rel="sponsored noopener"' in page


def test_a_position_cannot_be_booked_twice_for_the_same_days(advertiser_client, banner_product):
    tomorrow = timezone.localdate() + timedelta(days=1)
    book(advertiser_client, tomorrow)
    response = book(advertiser_client, tomorrow + timedelta(days=3))
    assert "starts_on" in response.context["form"].errors
    assert Order.objects.count() == 1
    # Once the first order is cancelled the days are free again.
    orders.cancel(Order.objects.get())
    assert book(advertiser_client, tomorrow + timedelta(days=3)).status_code == 302


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"starts_on": timezone.localdate().isoformat()}, "starts_on"),
        ({"starts_on": "2999-01-01"}, "starts_on"),
        ({"starts_on": "not a date"}, "starts_on"),
        ({"link_url": "javascript:alert(1)"}, "link_url"),
        ({"link_url": "ftp://lane.example/"}, "link_url"),
        ({"alt_text": ""}, "alt_text"),
        ({"image": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")}, "image"),
    ],
)
def test_bad_bookings_are_refused_and_create_nothing(advertiser_client, banner_product, changes, field):
    response = book(advertiser_client, timezone.localdate() + timedelta(days=1), **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Order.objects.count() == 0 and AdBooking.objects.count() == 0


def test_an_advertisers_erasure_takes_their_banner_down_quietly(advertiser_client, banner_product, client):
    from privacy.erasure import erase_user

    book(advertiser_client, timezone.localdate() + timedelta(days=1))
    booking = AdBooking.objects.get()
    orders.mark_paid(booking.order)
    AdBooking.objects.filter(pk=booking.pk).update(status=AdStatus.APPROVED, starts_on=timezone.localdate())
    assert "Spring sale at Lane Shop" in client.get("/en/classifieds/housing/").content.decode()
    erase_user(booking.order.buyer_id)
    cache.clear()
    response = client.get("/en/classifieds/housing/")
    assert response.status_code == 200
    assert "ad-banner" not in response.content.decode()


def test_a_banner_paid_after_cancelling_is_booked_again_if_its_days_are_free(
    advertiser_client, banner_product
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    book(advertiser_client, tomorrow)
    first = Order.objects.get()
    orders.cancel(first)
    orders.mark_paid(first)  # the QR code was still scanned
    first.refresh_from_db()
    assert first.status == "fulfilled" and first.ad.status == AdStatus.IN_REVIEW


def test_a_banner_paid_after_its_days_went_to_someone_else_stays_paid_for_staff(
    advertiser_client, banner_product
):
    from payments import reports

    tomorrow = timezone.localdate() + timedelta(days=1)
    book(advertiser_client, tomorrow)
    first = Order.objects.get()
    orders.cancel(first)
    other = Client()
    other.force_login(verified_user(username="rival", email="rival@example.com"))
    assert book(other, tomorrow).status_code == 302
    orders.mark_paid(first)
    first.refresh_from_db()
    assert first.status == "paid" and first.ad.status == AdStatus.CANCELLED
    flagged = {m.problem: m.orders for m in reports.reconciliation()}
    assert first in next(
        found for problem, found in flagged.items() if problem.startswith("Paid, but not delivered")
    )
