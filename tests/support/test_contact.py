"""The public contact form: a ticket from a visitor, a honeypot, rate limits."""

import pytest

from support.models import Ticket

pytestmark = pytest.mark.django_db

URL = "/en/support/contact/"


def form(**overrides):
    return {
        "name": "Wang Fang",
        "email": "fang@example.com",
        "category": "other",
        "subject": "Opening hours",
        "body": "When are you open?",
        "website": "",
        **overrides,
    }


def test_the_footer_links_to_the_contact_form(client, home_page):
    page = client.get(URL).content.decode()
    assert f'href="{URL}"' in page and "Contact us" in page


def test_a_visitors_message_becomes_a_ticket_without_a_member(client):
    response = client.post(URL, form())
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    made = Ticket.objects.get()
    assert (made.requester, made.name, made.email, made.from_contact_form) == (
        None,
        "Wang Fang",
        "fang@example.com",
        True,
    )


def test_the_honeypot_drops_the_post_but_looks_successful(client):
    response = client.post(URL, form(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/en/support/contact/sent/"
    assert not Ticket.objects.exists()


def test_the_rate_limit_per_ip_refuses_with_a_clear_message(client, settings):
    settings.SUPPORT_LIMITS = {"contact-ip": (2, 3600)}
    for i in range(2):
        assert client.post(URL, form(email=f"p{i}@example.com")).status_code == 302
    response = client.post(URL, form(email="p3@example.com"))
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Ticket.objects.count() == 2


def test_the_rate_limit_per_email_holds_across_addresses(client, settings):
    settings.SUPPORT_LIMITS = {"contact-email": (1, 3600)}
    assert client.post(URL, form(), REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(URL, form(email="FANG@example.com"), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"category": "refund-now"}, "category", "Select a valid choice"),
        ({"body": "x" * 5001}, "body", "at most 5000 characters"),
        ({"subject": "Hello\u202eevil"}, "subject", "invisible control characters"),
        ({"body": "Hi\x00there"}, "body", "Null characters are not allowed"),
        ({"name": "Bell\x07"}, "name", "invisible control characters"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"category": "privacy"}, "privacy_type", "Choose what you would like us to do"),
        ({"body": "   "}, "body", "Write your message"),
    ],
)
def test_hostile_input_gives_clear_errors_and_writes_nothing(client, overrides, field, error):
    response = client.post(URL, form(**overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Ticket.objects.exists()


def test_markup_is_shown_escaped(client, alice, staff):
    client.force_login(alice)
    client.post(
        "/en/support/tickets/new/",
        {"category": "other", "subject": "<script>alert(1)</script>", "body": "<img src=x onerror=alert(2)>"},
    )
    made = alice.support_tickets.get()
    page = client.get(made.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    client.force_login(staff)
    admin_page = client.get(f"/admin/support/tickets/{made.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in admin_page and "<img src=x" not in admin_page


def test_a_member_ticket_with_an_invalid_privacy_type_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(
        "/en/support/tickets/new/",
        {"category": "privacy", "privacy_type": "everything", "subject": "Data", "body": "Please"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not alice.support_tickets.exists()


def test_the_contact_form_speaks_chinese(client):
    page = client.get("/zh-hans/support/contact/").content.decode()
    assert "联系我们" in page and "隐私请求" in page
