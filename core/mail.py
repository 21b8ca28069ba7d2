"""Transactional email: rendered from templates in the recipient's language, with
an HTML and a plain-text part, sent at most once per key, never to a suppressed
address unless the email is essential.

Essential emails are the ones a person needs whatever they chose: account security,
answers to their privacy and support requests, payment receipts. Alerts, reminders,
message notifications and newsletters are not essential: an address that bounced,
complained or asked for no more email does not get them.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models_mail import SentEmail, SuppressedAddress

logger = logging.getLogger(__name__)


def render_email(template_prefix, context, language):
    """``<prefix>_subject.txt``, ``<prefix>.txt`` and ``<prefix>.html`` in ``language``."""
    with translation.override(language):
        context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    return subject, text, html


def is_suppressed(email):
    return SuppressedAddress.is_suppressed(email)


def send_once(key, to, template_prefix, context, language="en", *, essential=False, headers=None):
    """Send unless an email with ``key`` already went out. Returns True if sent.

    The key is recorded in the same transaction as the send: if sending raises,
    the key is rolled back and a retry sends again. A suppressed address gets
    nothing unless ``essential`` is true (and no key is recorded, so nothing is
    sent later either unless the email is asked for again).
    """
    if not essential and is_suppressed(to):
        logger.info("Not sending %s: the address is suppressed", key)
        return False
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
            subject, text, html = render_email(template_prefix, context, language)
            message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or None)
            message.attach_alternative(html, "text/html")
            message.send()
    except IntegrityError:
        return False
    return True
