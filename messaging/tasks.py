"""Emails about messages, sent after commit by Celery, at most once each.

A new-message email names the sender and the subject and links back to the thread:
never the conversation, never the sender's contact details.
"""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.language import language_of
from core.mail import render_email, send_once
from core.models import SentEmail

from .models import EPOCH, Enquiry, Message, MessageReport


def wants_email(member, message):
    user = member.user
    if not (user.is_active and user.email) or member.muted:
        return False
    if not getattr(user, "profile", None) or not user.profile.notify_messages:
        return False
    last_read = member.last_read_at or EPOCH
    if last_read >= message.created_at:
        return False  # already read on the site
    # An email already announced an earlier message still unread: one email per visit.
    earlier = (
        Message.objects.filter(
            thread_id=message.thread_id,
            status=Message.Status.VISIBLE,
            created_at__gt=last_read,
            created_at__lt=message.created_at,
        )
        .exclude(sender=user)
        .values_list("pk", flat=True)
    )
    keys = [email_key(pk, user.pk) for pk in earlier]
    return not SentEmail.objects.filter(key__in=keys).exists()


def email_key(message_pk, user_pk):
    return f"new-message:{message_pk}:{user_pk}"


@shared_task(acks_late=True, ignore_result=True)
def notify_new_message(message_pk):
    from .services import blocked_between

    message = (
        Message.objects.select_related("thread__listing", "thread__venue", "sender__profile")
        .filter(pk=message_pk, status=Message.Status.VISIBLE)
        .first()
    )
    if message is None:
        return
    members = message.thread.members.exclude(user_id=message.sender_id).select_related("user__profile")
    for member in members:
        if not wants_email(member, message) or blocked_between(member.user, message.sender):
            continue
        send_once(
            email_key(message.pk, member.user_id),
            member.user.email,
            "messaging/email/new_message",
            {
                "sender_name": message.sender.profile.public_name,
                "thread": message.thread,
                "subject": message.thread.subject,
            },
            language_of(member.user),
        )


def send_once_with_reply_to(key, to, reply_to, template_prefix, context, language):
    """``core.mail.send_once`` with a Reply-To address (the one the member shared)."""
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
            subject, text, html = render_email(template_prefix, context, language)
            email = EmailMultiAlternatives(subject, text, to=[to], reply_to=[reply_to] if reply_to else None)
            email.attach_alternative(html, "text/html")
            email.send()
    except IntegrityError:
        return False
    return True


@shared_task(acks_late=True, ignore_result=True)
def deliver_enquiry_by_email(enquiry_pk, language="en"):
    """An enquiry to a venue without an owner on Longtang, to its enquiry address,
    with exactly the contact details the member ticked."""
    enquiry = Enquiry.objects.select_related("sender__profile").filter(pk=enquiry_pk).first()
    if enquiry is None or not enquiry.delivered_to_email:
        return
    sent = send_once_with_reply_to(
        f"enquiry:{enquiry.pk}",
        enquiry.delivered_to_email,
        enquiry.shared_email,
        "messaging/email/venue_enquiry",
        {"enquiry": enquiry, "sender_name": enquiry.sender.profile.public_name},
        language,
    )
    if sent:
        Enquiry.objects.filter(pk=enquiry.pk, delivered_at__isnull=True).update(delivered_at=timezone.now())


@shared_task(acks_late=True, ignore_result=True)
def warn_sender(report_pk):
    report = (
        MessageReport.objects.select_related("message__sender__profile")
        .filter(pk=report_pk, action=MessageReport.Action.WARNED)
        .first()
    )
    if report is None:
        return
    sender = report.message.sender
    if not sender.email:
        return
    send_once(
        f"message-warning:{report.pk}",
        sender.email,
        "messaging/email/warning",
        {"report": report, "name": sender.profile.public_name},
        language_of(sender),
    )
