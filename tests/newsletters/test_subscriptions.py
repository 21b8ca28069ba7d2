"""Subscribing with double opt-in, the signed preferences link and RFC 8058 one-click
unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client

from newsletters.models import NewsletterList, Subscriber, Subscription
from newsletters.tokens import preferences_token, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly():
    return NewsletterList.objects.get(slug="this-week")


@pytest.fixture
def events_digest():
    return NewsletterList.objects.get(slug="events-digest")


def confirm_link(message):
    match = re.search(r"http://testserver(/\S+/newsletters/confirm/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def subscribe(client, email="walker@example.com", **extra):
    return client.post("/en/newsletters/subscribe/", {"email": email, **extra})


def confirmed_subscriber(email, *lists):
    from django.utils import timezone

    subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now())
    for newsletter_list in lists:
        Subscription.objects.create(subscriber=subscriber, newsletter_list=newsletter_list)
    return subscriber


def test_the_footer_offers_the_newsletter_to_visitors_only(client, demo_site, member):
    page = client.get("/en/").content.decode()
    assert 'action="/en/newsletters/subscribe/"' in page
    client.force_login(member)
    assert 'action="/en/newsletters/subscribe/"' not in client.get("/en/").content.decode()


def test_double_opt_in_nothing_is_active_before_the_link_is_followed(
    client, weekly, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, "Walker@Example.com")
    assert response.status_code == 200
    assert "confirmation email is on its way" in response.content.decode()
    subscriber = Subscriber.objects.get(email="walker@example.com")
    assert not subscriber.confirmed and not subscriber.subscriptions.exists()

    message = mail.outbox[0]
    assert message.to == ["walker@example.com"]
    assert "This week in the city" in message.body
    link = confirm_link(message)
    assert client.get(link).status_code == 200  # a mail scanner following the link
    subscriber.refresh_from_db()
    assert not subscriber.confirmed

    confirmed = client.post(link)
    assert confirmed.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.confirmed
    assert list(subscriber.subscriptions.filter(active=True).values_list("newsletter_list", flat=True)) == [
        weekly.pk
    ]
    assert "/en/newsletters/preferences/" in confirmed["Location"]


def test_the_confirmation_email_speaks_chinese_to_a_chinese_visitor(
    client, weekly, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/zh-hans/newsletters/subscribe/", {"email": "lao@example.com"})
    message = mail.outbox[0]
    assert "本周城市精选" in message.body and "确认" in message.subject
    assert "/zh-hans/newsletters/confirm/" in message.body


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(client, weekly):
    confirmed_subscriber("known@example.com", weekly)

    def page(email):
        html = subscribe(client, email).content.decode().replace(email, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page("known@example.com") == page("new@example.com")


def test_a_confirmation_link_cannot_be_forged_or_reused_for_other_lists(
    client, weekly, events_digest, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    link = confirm_link(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    key, _, signature = token.rpartition(":")
    forged = f"{key.split('.')[0]}.{weekly.pk}-{events_digest.pk}:{signature}"
    for bad in [forged, "nonsense", token + "x", "%3Cscript%3E"]:
        response = client.post(f"/en/newsletters/confirm/{bad}/")
        assert response.status_code == 404
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "<script>alert(1)</script>@example.com"},
        {"email": "a" * 300 + "@example.com"},
        {"email": ["a@example.com", "b@example.com"]},
        {"email": ""},
        {},
    ],
)
def test_hostile_subscribe_posts_are_refused_without_an_email(
    client, weekly, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/newsletters/subscribe/", data)
    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.content.decode()
    # Two addresses for one field: the last one counts, as for any form field.
    expected = ["b@example.com"] if isinstance(data.get("email"), list) else []
    assert [m.to[0] for m in mail.outbox] == expected


def test_a_bot_filling_the_hidden_field_gets_no_email(client, weekly, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, website="http://spam.example")
    assert response.status_code == 200
    assert mail.outbox == []


def test_subscribing_is_rate_limited(client, weekly, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            subscribe(client, "same@example.com")
    assert len(mail.outbox) == 3  # three confirmation emails a day per address
    for n in range(20):
        subscribe(client, f"many{n}@example.com")
    assert subscribe(client, "one-more@example.com").status_code == 429


def test_the_preferences_link_changes_lists_without_signing_in(client, weekly, events_digest):
    subscriber = confirmed_subscriber("walker@example.com", weekly)
    url = f"/en/newsletters/preferences/{preferences_token(subscriber)}/"
    page = client.get(url)
    assert page.status_code == 200 and "walker@example.com" in page.content.decode()
    response = client.post(url, {"lists": [events_digest.pk], "allow_more_promotions": "on"})
    assert response.status_code == 302
    active = set(subscriber.subscriptions.filter(active=True).values_list("newsletter_list", flat=True))
    assert active == {events_digest.pk}
    subscriber.refresh_from_db()
    assert subscriber.allow_more_promotions

    client.post(url, {"action": "unsubscribe_all"})
    assert not subscriber.subscriptions.filter(active=True).exists()


@pytest.mark.parametrize("lists", [["999999"], ["abc"], ["1 OR 1=1"], ["-1"]])
def test_hostile_preferences_posts_change_nothing(client, weekly, lists):
    subscriber = confirmed_subscriber("walker@example.com", weekly)
    response = client.post(f"/en/newsletters/preferences/{preferences_token(subscriber)}/", {"lists": lists})
    assert response.status_code == 400
    assert subscriber.subscriptions.filter(active=True, newsletter_list=weekly).exists()


def test_a_preferences_link_cannot_be_forged(client, weekly):
    subscriber = confirmed_subscriber("walker@example.com", weekly)
    token = preferences_token(subscriber)
    for bad in [
        subscriber.key.hex,
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        unsubscribe_token(subscriber, weekly),
    ]:
        assert client.get(f"/en/newsletters/preferences/{bad}/").status_code == 404
        assert (
            client.post(f"/en/newsletters/preferences/{bad}/", {"action": "unsubscribe_all"}).status_code
            == 404
        )
    assert subscriber.subscriptions.filter(active=True).exists()


def test_one_click_unsubscribe_needs_no_session_or_csrf_and_leaves_other_lists_alone(weekly, events_digest):
    subscriber = confirmed_subscriber("walker@example.com", weekly, events_digest)
    other = confirmed_subscriber("other@example.com", weekly)
    client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no token
    response = client.post(
        f"/newsletters/unsubscribe/{unsubscribe_token(subscriber, weekly)}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies
    assert not subscriber.subscriptions.get(newsletter_list=weekly).active
    assert subscriber.subscriptions.get(newsletter_list=events_digest).active
    assert other.subscriptions.get(newsletter_list=weekly).active
    subscriber.refresh_from_db()
    assert subscriber.confirmed and not subscriber.allow_more_promotions


def test_opening_the_unsubscribe_link_in_a_browser_asks_first(client, weekly):
    subscriber = confirmed_subscriber("walker@example.com", weekly)
    url = f"/newsletters/unsubscribe/{unsubscribe_token(subscriber, weekly)}/"
    page = client.get(url)  # a person, or a mail scanner following links
    assert page.status_code == 200 and "Stop receiving “This week in the city”?" in page.content.decode()
    assert f"/en/newsletters/preferences/{preferences_token(subscriber)}/" in page.content.decode()
    assert subscriber.subscriptions.get(newsletter_list=weekly).active
    done = client.post(url)  # the button
    assert "You are unsubscribed" in done.content.decode()
    assert not subscriber.subscriptions.get(newsletter_list=weekly).active


def test_a_forged_one_click_link_is_refused(client, weekly, events_digest):
    subscriber = confirmed_subscriber("walker@example.com", weekly, events_digest)
    token = unsubscribe_token(subscriber, weekly)
    value, _, signature = token.rpartition(":")
    for bad in [
        f"{value[: -len(str(weekly.pk))]}{events_digest.pk}:{signature}",
        "x",
        preferences_token(subscriber),
        f"{subscriber.key.hex}.99999:{signature}",
    ]:
        assert client.post(f"/newsletters/unsubscribe/{bad}/").status_code == 400
    assert subscriber.subscriptions.filter(active=True).count() == 2


def test_members_choose_their_lists_in_account_settings(client, member, weekly, events_digest):
    client.force_login(member)
    page = client.get("/en/accounts/notifications/").content.decode()
    assert "This week in the city" in page and "Housing alerts" in page
    client.post(
        "/en/accounts/notifications/",
        {"newsletters-lists": [weekly.pk, events_digest.pk], "newsletters-allow_more_promotions": "on"},
    )
    subscriber = Subscriber.objects.get(user=member)
    assert subscriber.confirmed and subscriber.email == member.email and subscriber.allow_more_promotions
    client.post("/en/accounts/notifications/", {"newsletters-lists": [events_digest.pk]})
    assert set(subscriber.subscriptions.filter(active=True).values_list("newsletter_list", flat=True)) == {
        events_digest.pk
    }
    bad = client.post("/en/accounts/notifications/", {"newsletters-lists": ["nope"]})
    assert bad.status_code == 200  # the form again, with its error
    assert subscriber.subscriptions.filter(active=True).count() == 1


def test_a_member_who_saves_without_newsletters_gets_no_subscriber_row(client, member):
    client.force_login(member)
    client.post("/en/accounts/notifications/", {"notify_messages": "on"})
    assert not Subscriber.objects.exists()


def test_a_members_newsletters_follow_their_address_and_language(client, member, weekly):
    client.force_login(member)
    client.post("/en/accounts/notifications/", {"newsletters-lists": [weekly.pk]})
    member.email = "lin.new@example.com"
    member.save()
    member.profile.preferred_language = "zh-hans"
    member.profile.save()
    client.post("/en/accounts/notifications/", {"newsletters-lists": [weekly.pk]})
    subscriber = Subscriber.objects.get(user=member)
    assert (subscriber.email, subscriber.language) == ("lin.new@example.com", "zh-hans")


def test_confirming_is_rate_limited(client, weekly, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    link = confirm_link(mail.outbox[0])
    for _ in range(30):
        client.post(link)
    assert client.post(link).status_code == 429


def test_the_unsubscribe_page_speaks_the_subscribers_language(client, weekly):
    subscriber = confirmed_subscriber("duzhe@example.com", weekly)
    Subscriber.objects.filter(pk=subscriber.pk).update(language="zh-hans")
    page = client.get(f"/newsletters/unsubscribe/{unsubscribe_token(subscriber, weekly)}/").content.decode()
    assert "不再接收“本周城市精选”吗？" in page
    assert "/zh-hans/newsletters/preferences/" in page
