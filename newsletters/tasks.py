"""Newsletter emails and the campaign pipeline. Every task may run twice."""

import datetime
import logging

from celery import shared_task
from django.utils import timezone, translation
from mailchimp_marketing.api_client import ApiClientError

from core.mail import send_once

from . import mailchimp, sending
from .models import Campaign, CampaignBatch, NewsletterList, Subscriber
from .tokens import confirm_token

logger = logging.getLogger(__name__)

RESUME_AFTER_MINUTES = 15


@shared_task(acks_late=True, ignore_result=True)
def send_confirmation(subscriber_pk, list_ids, request_id, language=None):
    """The double opt-in email: nothing is sent to the address before it is confirmed.
    ``request_id`` names the request: a task run twice sends one email."""
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is None:
        return
    language = language or subscriber.language
    with translation.override(language):
        lists = list(NewsletterList.objects.filter(pk__in=list_ids))
    send_once(
        f"newsletter-confirm:{subscriber.pk}:{request_id}"[:200],
        subscriber.email,
        "newsletters/email/confirm",
        {"token": confirm_token(subscriber, list_ids), "lists": lists},
        language,
    )


@shared_task(acks_late=True, ignore_result=True)
def start_campaign(campaign_pk):
    """Plan the campaign's batches (once) and queue every batch still waiting."""
    campaign = sending.plan(campaign_pk)
    if campaign is None:
        return
    for batch_pk in sending.pending_batch_ids(campaign):
        send_campaign_batch.delay(batch_pk)
    sending.finish_if_done(campaign.pk)


@shared_task(acks_late=True, ignore_result=True)
def send_campaign_batch(batch_pk):
    sending.send_batch(batch_pk)


@shared_task(acks_late=True, ignore_result=True)
def send_due_campaigns():
    """Start scheduled campaigns whose time has come, and resume sends that stopped
    half-way (a worker lost with batches still waiting)."""
    now = timezone.now()
    for pk in Campaign.objects.filter(status=Campaign.Status.SCHEDULED, scheduled_at__lte=now).values_list(
        "pk", flat=True
    ):
        start_campaign.delay(pk)
    stalled = (
        CampaignBatch.objects.filter(
            status=CampaignBatch.Status.PENDING,
            campaign__status=Campaign.Status.SENDING,
            campaign__started_at__lte=now - datetime.timedelta(minutes=RESUME_AFTER_MINUTES),
        )
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    for pk in stalled:
        start_campaign.delay(pk)


MAILCHIMP_RETRY = {"autoretry_for": (ApiClientError,), "retry_backoff": 60, "max_retries": 6}


@shared_task(acks_late=True, ignore_result=True, **MAILCHIMP_RETRY)
def sync_mailchimp(subscriber_pk):
    """Mirror one subscriber's lists to Mailchimp (the latest state: safe to repeat)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is not None and mailchimp.enabled():
        mailchimp.sync_subscriber(subscriber)


@shared_task(acks_late=True, ignore_result=True, **MAILCHIMP_RETRY)
def archive_mailchimp(email):
    """A subscriber was deleted (account erasure): archive them in Mailchimp too."""
    if mailchimp.enabled() and not Subscriber.objects.filter(email=email).exists():
        mailchimp.archive(email)
