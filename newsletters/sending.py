"""Sending a campaign: planned into batches of deliveries, then each batch handed
to the provider in one call with per-recipient variables.

A batch is sent while its row is locked, and its deliveries are marked sent in
the same transaction: a worker that dies before the commit leaves the batch
waiting, and a resumed send picks up exactly the batches that did not go out. The
one window left is a crash between the provider accepting a batch and that commit
(the length of one database round trip): that batch would go out again. Every
provider call carries the campaign and batch ids as metadata, so such a batch can
be found in the provider's logs.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from anymail.backends.base import AnymailBaseBackend
from anymail.message import AnymailMessage
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags

from core.models_mail import SuppressedAddress

from .models import Campaign, CampaignBatch, CampaignDelivery, Subscriber
from .tokens import preferences_token, unsubscribe_token

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Mailgun replaces %recipient.NAME% with each recipient's value from merge_data.
PREFERENCES_PLACEHOLDER = "%recipient.preferences_url%"
UNSUBSCRIBE_PLACEHOLDER = "%recipient.unsubscribe_url%"


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def preferences_url(subscriber, language):
    with translation.override(language):
        return absolute(reverse("newsletters:preferences", args=[preferences_token(subscriber)]))


def one_click_url(subscriber, newsletter_list):
    return absolute(reverse("newsletter_one_click", args=[unsubscribe_token(subscriber, newsletter_list)]))


def unsubscribe_mailto():
    return f"mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe"


def list_unsubscribe_headers(subscriber, newsletter_list):
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs."""
    return {
        "List-Unsubscribe": f"<{one_click_url(subscriber, newsletter_list)}>, <{unsubscribe_mailto()}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class LinkMaker:
    """The same links as ``preferences_url`` and ``one_click_url``, for a thousand
    subscribers at a time: the URLs are reversed once, only the tokens differ."""

    MARK = "TOKEN"

    def __init__(self, language, newsletter_list):
        self.newsletter_list = newsletter_list
        with translation.override(language):
            preferences = absolute(reverse("newsletters:preferences", args=[self.MARK]))
        one_click = absolute(reverse("newsletter_one_click", args=[self.MARK]))
        self.preferences_parts = preferences.split(self.MARK)
        self.one_click_parts = one_click.split(self.MARK)
        self.mailto = unsubscribe_mailto()

    def preferences(self, subscriber):
        return preferences_token(subscriber).join(self.preferences_parts)

    def one_click(self, subscriber):
        return unsubscribe_token(subscriber, self.newsletter_list).join(self.one_click_parts)


def body_text(body):
    """The plain-text part of a campaign body."""
    parts = []
    for block in body:
        if block.block_type == "heading":
            parts.append(str(block.value).upper())
        elif block.block_type == "paragraph":
            parts.append(
                " ".join(strip_tags(block.value.source.replace("</p>", "</p>\n")).split(" ")).strip()
            )
        elif block.block_type == "button":
            parts.append(f"{block.value['text']}: {block.value['url']}")
    return "\n\n".join(part for part in parts if part)


def render_campaign(campaign, language, preferences, unsubscribe):
    """Subject, text and HTML of ``campaign`` in ``language``."""
    body = campaign.body(language)
    context = {
        "campaign": campaign,
        "subject": campaign.subject(language),
        "newsletter_list": campaign.newsletter_list,
        "body": body,
        "body_text": body_text(body),
        "preferences_url": preferences,
        "unsubscribe_url": unsubscribe,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "language": language,
    }
    with translation.override(language):
        text = render_to_string("newsletters/email/campaign.txt", context)
        html = render_to_string("newsletters/email/campaign.html", context)
    return campaign.subject(language), text, html


def send_test(campaign, user):
    """The campaign in both languages to an editor's own address."""
    from .subscriptions import subscriber_for_member

    subscriber = subscriber_for_member(user)
    for language, _name in settings.LANGUAGES:
        subject, text, html = render_campaign(
            campaign,
            language,
            preferences_url(subscriber, language),
            one_click_url(subscriber, campaign.newsletter_list),
        )
        message = AnymailMessage(
            f"[TEST] {subject}",
            text,
            to=[user.email],
            headers=list_unsubscribe_headers(subscriber, campaign.newsletter_list),
            tags=["campaign-test"],
        )
        message.attach_alternative(html, "text/html")
        message.send()


# --- Planning ------------------------------------------------------------------------


def recipients(campaign):
    """Confirmed, active subscribers of the campaign's list whose address is not
    suppressed, by language: (pk, language) pairs."""
    suppressed = SuppressedAddress.objects.filter(email=OuterRef("email"))
    return (
        Subscriber.objects.confirmed()
        .filter(subscriptions__newsletter_list=campaign.newsletter_list_id, subscriptions__active=True)
        .exclude(Exists(suppressed))
        .order_by("language", "pk")
        .values_list("pk", "language")
    )


def plan(campaign_id):
    """Split the campaign into batches of deliveries, once. Returns the campaign, or
    None when it is not due (a draft, or already sent)."""
    batch_size = settings.NEWSLETTER_BATCH_SIZE
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .filter(pk=campaign_id, status__in=[Campaign.Status.SCHEDULED, Campaign.Status.SENDING])
            .first()
        )
        if campaign is None:
            return None
        if campaign.batches.exists():
            return campaign
        by_language = {}
        for pk, language in recipients(campaign).iterator(chunk_size=5000):
            by_language.setdefault(language, []).append(pk)
        number = 0
        for language, pks in by_language.items():
            for start in range(0, len(pks), batch_size):
                number += 1
                batch = CampaignBatch.objects.create(campaign=campaign, number=number, language=language)
                CampaignDelivery.objects.bulk_create(
                    [
                        CampaignDelivery(campaign=campaign, subscriber_id=pk, batch=batch)
                        for pk in pks[start : start + batch_size]
                    ]
                )
        campaign.status = Campaign.Status.SENDING
        campaign.started_at = campaign.started_at or timezone.now()
        campaign.save(update_fields=["status", "started_at", "updated_at"])
    return campaign


def pending_batch_ids(campaign):
    return list(campaign.batches.filter(status=CampaignBatch.Status.PENDING).values_list("pk", flat=True))


# --- The monthly cap -----------------------------------------------------------------


def month_start(now=None):
    """The start of the current calendar month in Shanghai, as an aware datetime."""
    local = (now or timezone.now()).astimezone(SHANGHAI)
    return datetime.datetime(local.year, local.month, 1, tzinfo=SHANGHAI)


def promotions_this_month(subscriber_ids, campaign, now=None):
    """{subscriber id: promotional campaigns sent to them this month} (others: 0)."""
    rows = (
        CampaignDelivery.objects.filter(
            subscriber_id__in=subscriber_ids,
            campaign__newsletter_list__promotional=True,
            sent_at__gte=month_start(now),
        )
        .exclude(campaign=campaign)
        .values("subscriber_id")
        .annotate(count=Count("pk"))
    )
    return {row["subscriber_id"]: row["count"] for row in rows}


# --- Sending one batch ---------------------------------------------------------------


def still_wanted(deliveries, campaign):
    """The deliveries whose subscriber is still confirmed, subscribed and not suppressed."""
    subscriber_ids = [d.subscriber_id for d in deliveries]
    active = set(
        Subscriber.objects.confirmed()
        .filter(
            pk__in=subscriber_ids,
            subscriptions__newsletter_list=campaign.newsletter_list_id,
            subscriptions__active=True,
        )
        .values_list("pk", flat=True)
    )
    suppressed = set(
        SuppressedAddress.objects.filter(email__in=[d.subscriber.email for d in deliveries]).values_list(
            "email", flat=True
        )
    )
    return {d.pk for d in deliveries if d.subscriber_id in active and d.subscriber.email not in suppressed}


def send_batch(batch_id):
    """Send one batch if it is still waiting. Returns how many emails went out."""
    with transaction.atomic():
        batch = (
            CampaignBatch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("campaign__newsletter_list")
            .filter(pk=batch_id, status=CampaignBatch.Status.PENDING)
            .first()
        )
        if batch is None:
            return 0
        campaign = batch.campaign
        newsletter_list = campaign.newsletter_list
        deliveries = list(
            batch.deliveries.filter(status=CampaignDelivery.Status.PENDING).select_related("subscriber")
        )
        wanted = still_wanted(deliveries, campaign)
        capped = set()
        if newsletter_list.promotional:
            # Two promotional campaigns sending at once must not both pass the cap:
            # each batch takes its subscribers' rows (in one order, so no deadlock)
            # before counting, and the other waits until this one has committed.
            subscriber_ids = sorted({d.subscriber_id for d in deliveries})
            list(
                Subscriber.objects.select_for_update()
                .filter(pk__in=subscriber_ids)
                .order_by("pk")
                .values("pk")
            )
            counts = promotions_this_month(subscriber_ids, campaign)
            limit = settings.NEWSLETTER_PROMOTIONS_PER_MONTH
            capped = {
                d.pk
                for d in deliveries
                if d.pk in wanted
                and not d.subscriber.allow_more_promotions
                and counts.get(d.subscriber_id, 0) >= limit
            }
        to_send = [d for d in deliveries if d.pk in wanted and d.pk not in capped]
        provider_id = ""
        if to_send:
            provider_id = hand_over(campaign, batch, to_send)
        now = timezone.now()
        batch.deliveries.filter(pk__in=[d.pk for d in to_send]).update(
            status=CampaignDelivery.Status.SENT, sent_at=now
        )
        batch.deliveries.filter(pk__in=capped).update(status=CampaignDelivery.Status.SKIPPED_CAP)
        batch.deliveries.filter(pk__in=[d.pk for d in deliveries if d.pk not in wanted]).update(
            status=CampaignDelivery.Status.SKIPPED
        )
        batch.status = CampaignBatch.Status.SENT
        batch.provider_id = provider_id[:200]
        batch.sent_at = now
        batch.save(update_fields=["status", "provider_id", "sent_at"])
    finish_if_done(campaign.pk)
    return len(to_send)


def hand_over(campaign, batch, deliveries):
    """One provider call for ``deliveries``: every recipient gets their own copy with
    their own links and List-Unsubscribe headers; nobody sees the other addresses."""
    newsletter_list = campaign.newsletter_list
    language = batch.language
    subject, text, html = render_campaign(
        campaign, language, PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER
    )
    links = LinkMaker(language, newsletter_list)
    merge_data, merge_metadata, merge_headers = {}, {}, {}
    for delivery in deliveries:
        subscriber = delivery.subscriber
        unsubscribe = links.one_click(subscriber)
        merge_data[subscriber.email] = {
            "preferences_url": links.preferences(subscriber),
            "unsubscribe_url": unsubscribe,
        }
        merge_metadata[subscriber.email] = {"delivery": str(delivery.pk)}
        merge_headers[subscriber.email] = {
            "List-Unsubscribe": f"<{unsubscribe}>, <{links.mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    connection = get_connection()
    if not isinstance(connection, AnymailBaseBackend):
        # A backend without batch sending (SMTP, the console): one message each, so
        # nobody ever sees the other recipients.
        messages = []
        for email, values in merge_data.items():
            own_text, own_html = text, html
            for name, value in values.items():
                own_text = own_text.replace(f"%recipient.{name}%", value)
                own_html = own_html.replace(f"%recipient.{name}%", escape(value))
            message = EmailMultiAlternatives(subject, own_text, to=[email], headers=merge_headers[email])
            message.attach_alternative(own_html, "text/html")
            messages.append(message)
        connection.send_messages(messages)
        return ""
    message = AnymailMessage(
        subject,
        text,
        connection=connection,
        to=list(merge_data),
        merge_data=merge_data,
        merge_metadata=merge_metadata,
        merge_headers=merge_headers,
        metadata={"campaign": str(campaign.pk), "batch": str(batch.pk)},
        tags=["campaign", newsletter_list.slug],
        track_clicks=False,
    )
    message.attach_alternative(html, "text/html")
    message.send()
    status = getattr(message, "anymail_status", None)
    ids = getattr(status, "message_id", None)
    return "" if ids is None else str(ids if not isinstance(ids, set) else sorted(map(str, ids))[0])


def finish_if_done(campaign_id):
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.status != Campaign.Status.SENDING:
            return
        if campaign.batches.filter(status=CampaignBatch.Status.PENDING).exists():
            return
        campaign.status = Campaign.Status.SENT
        campaign.finished_at = timezone.now()
        campaign.save(update_fields=["status", "finished_at", "updated_at"])


# --- The report ----------------------------------------------------------------------


def report(campaign):
    """Per-campaign counts, in one query."""
    sent = CampaignDelivery.Status.SENT
    return campaign.deliveries.aggregate(
        recipients=Count("pk"),
        sent=Count("pk", filter=Q(status=sent)),
        waiting=Count("pk", filter=Q(status=CampaignDelivery.Status.PENDING)),
        skipped_by_cap=Count("pk", filter=Q(status=CampaignDelivery.Status.SKIPPED_CAP)),
        skipped=Count("pk", filter=Q(status=CampaignDelivery.Status.SKIPPED)),
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
