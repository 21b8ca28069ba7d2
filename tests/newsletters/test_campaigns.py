"""Campaigns: batches with per-recipient links and headers, exactly once even across
a crash, the monthly cap, and the report."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from newsletters import sending
from newsletters.models import Campaign, CampaignDelivery, NewsletterList, Subscriber, Subscription
from newsletters.tasks import send_due_campaigns, start_campaign
from tests.newsletters.backends import FailingEmailBackend, Outage
from tests.newsletters.conftest import mailgun_event, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly():
    return NewsletterList.objects.get(slug="this-week")


@pytest.fixture
def jobs():
    return NewsletterList.objects.get(slug="jobs-alerts")


@pytest.fixture(autouse=True)
def small_batches(settings):
    settings.NEWSLETTER_BATCH_SIZE = 2


def make_campaign(newsletter_list, title="Autumn in the lanes", status=Campaign.Status.SCHEDULED):
    return Campaign.objects.create(
        title=title,
        newsletter_list=newsletter_list,
        subject_en=f"{title}: what's on",
        subject_zh="弄堂之秋：本周看点",
        body_en=[
            {"type": "heading", "value": "Night markets"},
            {"type": "paragraph", "value": "<p>Dumplings <b>everywhere</b>.</p>"},
            {"type": "button", "value": {"text": "See the map", "url": "https://longtang.example/map"}},
        ],
        body_zh=[
            {"type": "heading", "value": "夜市"},
            {"type": "paragraph", "value": "<p>到处都是饺子。</p>"},
        ],
        status=status,
        scheduled_at=timezone.now(),
    )


def subscribe(email, *lists, language="en", confirmed=True, more=False):
    subscriber = Subscriber.objects.create(
        email=email,
        language=language,
        confirmed_at=timezone.now() if confirmed else None,
        allow_more_promotions=more,
    )
    for newsletter_list in lists:
        Subscription.objects.create(subscriber=subscriber, newsletter_list=newsletter_list)
    return subscriber


def received():
    """How many campaign emails each address got, across every provider call."""
    counts = Counter()
    for message in mail.outbox:
        if "campaign" in message.anymail_test_params.get("tags", []):
            counts.update(address.addr_spec for address in message.anymail_test_params["to"])
    return counts


def test_every_confirmed_subscriber_gets_one_copy_with_their_own_links_and_headers(weekly):
    english = [subscribe(f"reader{n}@example.com", weekly) for n in range(3)]
    chinese = subscribe("duzhe@example.com", weekly, language="zh-hans")
    subscribe("unconfirmed@example.com", weekly, confirmed=False)
    gone = subscribe("gone@example.com", weekly)
    gone.subscriptions.update(active=False)
    from core.models_mail import SuppressedAddress

    subscribe("bounced@example.com", weekly)
    SuppressedAddress.suppress("bounced@example.com", SuppressedAddress.BOUNCED)
    subscribe("other-list@example.com", NewsletterList.objects.get(slug="events-digest"))
    campaign = make_campaign(weekly)

    start_campaign(campaign.pk)

    assert received() == Counter({s.email: 1 for s in [*english, chinese]})
    assert campaign.batches.count() == 3  # two English batches of two and one, one Chinese
    zh = next(m for m in mail.outbox if m.anymail_test_params["to"][0].addr_spec == chinese.email)
    assert zh.subject == "弄堂之秋：本周看点" and "夜市" in zh.alternatives[0][0]
    en = next(m for m in mail.outbox if m.anymail_test_params["to"][0].addr_spec == english[0].email)
    params = en.anymail_test_params
    assert params["is_batch_send"]
    assert "%recipient.unsubscribe_url%" in en.body and "%recipient.preferences_url%" in en.alternatives[0][0]
    assert "NIGHT MARKETS" in en.body and "Dumplings everywhere." in en.body
    for subscriber in english[:2]:
        links = params["merge_data"][subscriber.email]
        headers = params["merge_headers"][subscriber.email]
        assert links["preferences_url"].startswith("http://testserver/en/newsletters/preferences/")
        assert headers["List-Unsubscribe"].startswith(f"<{links['unsubscribe_url']}>, <mailto:")
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert params["merge_data"][english[0].email] != params["merge_data"][english[1].email]
    # Webhook events come back with these: they name the campaign, batch and delivery.
    assert params["metadata"]["campaign"] == str(campaign.pk)
    delivery = campaign.deliveries.get(subscriber=english[0])
    assert params["metadata"]["batch"] == str(delivery.batch_id)
    assert params["merge_metadata"][english[0].email] == {"delivery": str(delivery.pk)}

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    report = sending.report(campaign)
    assert (report["recipients"], report["sent"], report["skipped_by_cap"]) == (4, 4, 0)


def test_the_one_click_link_in_a_campaign_unsubscribes_from_that_list(client, weekly):
    reader = subscribe("reader@example.com", weekly, NewsletterList.objects.get(slug="events-digest"))
    start_campaign(make_campaign(weekly).pk)
    url = mail.outbox[0].anymail_test_params["merge_data"][reader.email]["unsubscribe_url"]
    assert (
        client.post(url.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"}).status_code
        == 200
    )
    assert set(reader.subscriptions.filter(active=True).values_list("newsletter_list__slug", flat=True)) == {
        "events-digest"
    }


def test_a_send_interrupted_half_way_and_resumed_reaches_everyone_exactly_once(settings, weekly):
    readers = [subscribe(f"reader{n}@example.com", weekly) for n in range(9)]  # five batches
    campaign = make_campaign(weekly)
    settings.EMAIL_BACKEND = "tests.newsletters.backends.FailingEmailBackend"
    FailingEmailBackend.calls = 0
    with pytest.raises(Outage):
        start_campaign(campaign.pk)  # the provider fails on the third batch: the worker dies

    assert sum(received().values()) == 4
    assert campaign.deliveries.filter(status=CampaignDelivery.Status.SENT).count() == 4
    assert campaign.deliveries.filter(status=CampaignDelivery.Status.PENDING).count() == 5

    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    start_campaign(campaign.pk)  # resumed (by the beat task, or by hand)
    start_campaign(campaign.pk)  # and resumed once more for good measure

    assert received() == Counter({reader.email: 1 for reader in readers})
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert sending.report(campaign)["sent"] == 9


def test_the_beat_task_resumes_a_stalled_send_and_starts_due_campaigns(weekly):
    readers = [subscribe(f"reader{n}@example.com", weekly) for n in range(3)]
    stalled = make_campaign(weekly)
    sending.plan(stalled.pk)  # planned, then the worker was lost
    Campaign.objects.filter(pk=stalled.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
    later = make_campaign(weekly, title="Later")
    Campaign.objects.filter(pk=later.pk).update(scheduled_at=timezone.now() + datetime.timedelta(days=1))

    send_due_campaigns()

    assert received() == Counter({reader.email: 1 for reader in readers})
    later.refresh_from_db()
    assert later.status == Campaign.Status.SCHEDULED and not later.deliveries.exists()


def test_a_draft_is_never_sent(weekly):
    subscribe("reader@example.com", weekly)
    draft = make_campaign(weekly, status=Campaign.Status.DRAFT)
    start_campaign(draft.pk)
    send_due_campaigns()
    assert received() == Counter()


def sent_promotion(subscriber, newsletter_list, when):
    campaign = make_campaign(
        newsletter_list, title=f"Earlier {when:%Y%m%d%H%M%S%f}", status=Campaign.Status.SENT
    )
    batch = campaign.batches.create(number=1, language="en", status="sent")
    CampaignDelivery.objects.create(
        campaign=campaign,
        subscriber=subscriber,
        batch=batch,
        status=CampaignDelivery.Status.SENT,
        sent_at=when,
    )


def test_a_third_promotional_campaign_in_a_shanghai_month_skips_the_subscriber(weekly, jobs):
    start = sending.month_start()  # midnight on the 1st in Shanghai: 16:00 UTC the day before
    capped = subscribe("capped@example.com", weekly, jobs)
    keen = subscribe("keen@example.com", weekly, more=True)
    last_month = subscribe("last-month@example.com", weekly)
    for subscriber in (capped, keen):
        sent_promotion(subscriber, weekly, start + datetime.timedelta(minutes=1))
        sent_promotion(subscriber, weekly, timezone.now())
    sent_promotion(last_month, weekly, start - datetime.timedelta(minutes=1))
    sent_promotion(last_month, weekly, timezone.now())

    third = make_campaign(weekly, title="Third")
    start_campaign(third.pk)

    assert set(received()) == {"keen@example.com", "last-month@example.com"}
    delivery = third.deliveries.get(subscriber=capped)
    assert delivery.status == CampaignDelivery.Status.SKIPPED_CAP
    assert sending.report(third)["skipped_by_cap"] == 1

    alert = make_campaign(jobs, title="Jobs")  # not promotional: no cap
    start_campaign(alert.pk)
    assert received()["capped@example.com"] == 1


def test_webhook_events_are_counted_on_the_campaign(client, weekly):
    bouncer = subscribe("bouncer@example.com", weekly)
    complainer = subscribe("complainer@example.com", weekly)
    leaver = subscribe("leaver@example.com", weekly, NewsletterList.objects.get(slug="events-digest"))
    campaign = make_campaign(weekly)
    start_campaign(campaign.pk)

    def delivery(subscriber):
        return {
            "delivery": str(campaign.deliveries.get(subscriber=subscriber).pk),
            "campaign": str(campaign.pk),
        }

    post_event(
        client, mailgun_event("failed", bouncer.email, severity="permanent", metadata=delivery(bouncer))
    )
    post_event(client, mailgun_event("complained", complainer.email, metadata=delivery(complainer)))
    post_event(client, mailgun_event("unsubscribed", leaver.email, metadata=delivery(leaver)))
    # Metadata naming someone else's delivery is not believed.
    post_event(client, mailgun_event("complained", "stranger@example.com", metadata=delivery(leaver)))

    report = sending.report(campaign)
    assert (report["sent"], report["bounced"], report["complained"], report["unsubscribed"]) == (3, 1, 1, 1)
    assert not leaver.subscriptions.get(newsletter_list=weekly).active
    assert leaver.subscriptions.get(newsletter_list__slug="events-digest").active

    second = make_campaign(weekly, title="Second")
    start_campaign(second.pk)
    assert received()["bouncer@example.com"] == 1 and received()["complainer@example.com"] == 1


def test_batch_links_are_the_same_links_as_a_single_email_gets(weekly):
    reader = subscribe("reader@example.com", weekly, language="zh-hans")
    links = sending.LinkMaker("zh-hans", weekly)
    assert links.preferences(reader) == sending.preferences_url(reader, "zh-hans")
    assert links.one_click(reader) == sending.one_click_url(reader, weekly)
    assert "/zh-hans/newsletters/preferences/" in links.preferences(reader)


def test_a_backend_without_batch_sending_gets_one_message_per_recipient(settings, weekly):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    readers = [subscribe(f"reader{n}@example.com", weekly) for n in range(3)]
    start_campaign(make_campaign(weekly).pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    assert all(len(m.to) == 1 and "%recipient" not in m.body for m in mail.outbox)
    first = next(m for m in mail.outbox if m.to == [readers[0].email])
    assert sending.preferences_url(readers[0], "en") in first.body
    assert first.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sending.one_click_url(readers[0], weekly) in first.extra_headers["List-Unsubscribe"]


def test_double_opt_in_is_required_before_any_marketing_send(
    client, weekly, django_capture_on_commit_callbacks
):
    import re

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newsletters/subscribe/", {"email": "walker@example.com"})
    confirmation = mail.outbox[0]
    start_campaign(make_campaign(weekly, title="Before").pk)
    assert received() == Counter()

    link = re.search(r"http://testserver(/\S+/confirm/\S+/)", confirmation.body).group(1)
    client.post(link)
    start_campaign(make_campaign(weekly, title="After").pk)
    assert received() == Counter({"walker@example.com": 1})
