"""Mirror newsletter subscribers to Mailchimp audiences (optional).

A list with a Mailchimp audience ID has its confirmed, active subscribers
subscribed there, people who left it unsubscribed, and erased people archived.
Uses the official ``mailchimp-marketing`` client; ``MAILCHIMP_API_HOST`` points it
elsewhere (a proxy, or a local server in tests).
"""

import hashlib

import mailchimp_marketing
from django.conf import settings
from mailchimp_marketing.api_client import ApiClientError

from .models import NewsletterList, Subscription

MAILCHIMP_LANGUAGES = {"en": "en", "zh-hans": "zh"}


def enabled():
    return bool(settings.MAILCHIMP_API_KEY)


def client():
    config = {"api_key": settings.MAILCHIMP_API_KEY, "timeout": 30}
    if settings.MAILCHIMP_SERVER:
        config["server"] = settings.MAILCHIMP_SERVER
    mailchimp = mailchimp_marketing.Client(config)
    if settings.MAILCHIMP_API_HOST:
        mailchimp.api_client.host = settings.MAILCHIMP_API_HOST
    return mailchimp


def member_hash(email):
    """Mailchimp names a member by the MD5 of their lower-case address (an ID, not security)."""
    return hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()


def audiences():
    return list(
        NewsletterList.objects.exclude(mailchimp_audience_id="").values_list("pk", "mailchimp_audience_id")
    )


def sync_subscriber(subscriber):
    """Subscribe, update or unsubscribe ``subscriber`` in every mirrored audience."""
    mailchimp = client()
    rows = {
        row.newsletter_list_id: row.active
        for row in Subscription.objects.filter(subscriber=subscriber).only("newsletter_list_id", "active")
    }
    for list_id, audience in audiences():
        if list_id not in rows:
            continue  # never subscribed to it: nothing to tell Mailchimp
        status = "subscribed" if subscriber.confirmed and rows[list_id] else "unsubscribed"
        body = {
            "email_address": subscriber.email,
            "status_if_new": status,
            "status": status,
            "language": MAILCHIMP_LANGUAGES.get(subscriber.language, "en"),
        }
        if settings.MAILCHIMP_LANGUAGE_MERGE_FIELD:
            body["merge_fields"] = {
                settings.MAILCHIMP_LANGUAGE_MERGE_FIELD: subscriber.get_language_display()
            }
        mailchimp.lists.set_list_member(audience, member_hash(subscriber.email), body)


def archive(email):
    """Archive the address in every mirrored audience (erasure); absent is fine."""
    mailchimp = client()
    for _list_id, audience in audiences():
        try:
            mailchimp.lists.delete_list_member(audience, member_hash(email))
        except ApiClientError as error:
            if error.status_code != 404:
                raise
