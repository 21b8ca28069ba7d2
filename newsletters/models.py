"""Newsletters: lists people subscribe to (with double opt-in), campaigns editors
write for a list, and one delivery row per campaign and subscriber."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from .blocks import CampaignBodyBlock


def chinese(language=None):
    return (language or get_language() or "en").startswith("zh")


class NewsletterList(models.Model):
    """A list people can subscribe to. Promotional lists count towards the monthly
    send cap; the others (alerts) do not."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_zh = models.CharField(_("name in Chinese"), max_length=100)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    description_zh = models.CharField(_("description in Chinese"), max_length=300, blank=True)
    promotional = models.BooleanField(
        _("promotional"),
        default=True,
        help_text=_("Promotional campaigns count towards the limit of two a month per subscriber."),
    )
    mailchimp_audience_id = models.CharField(_("Mailchimp audience ID"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_zh"),
        FieldPanel("slug"),
        FieldPanel("description_en"),
        FieldPanel("description_zh"),
        FieldPanel("promotional"),
        FieldPanel("mailchimp_audience_id"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("newsletter list")
        verbose_name_plural = _("newsletter lists")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return (self.name_zh if chinese() else "") or self.name_en

    @property
    def description(self):
        return (self.description_zh if chinese() else "") or self.description_en


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    """One email address that subscribes to lists. ``key`` is the secret behind the
    signed links in every email (preferences, one-click unsubscribe)."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriber",
        verbose_name=_("member"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    allow_more_promotions = models.BooleanField(
        _("more than two promotional emails a month"),
        default=False,
        help_text=_("Without this, we send you at most two promotional newsletters a month."),
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def confirm(self):
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at", "updated_at"])


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter_list = models.ForeignKey(
        NewsletterList, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("list")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter_list"], name="one_subscription_per_list"
            )
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.subscriber_id} → {self.newsletter_list_id}"


class Campaign(PreviewableMixin, models.Model):
    """One email to everyone confirmed on a list, in each subscriber's language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    title = models.CharField(_("internal title"), max_length=120)
    newsletter_list = models.ForeignKey(
        NewsletterList, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("list")
    )
    subject_en = models.CharField(_("subject in English"), max_length=150)
    subject_zh = models.CharField(_("subject in Chinese"), max_length=150)
    body_en = StreamField(CampaignBodyBlock(), verbose_name=_("body in English"))
    body_zh = StreamField(CampaignBodyBlock(), verbose_name=_("body in Chinese"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("newsletter_list"),
        MultiFieldPanel([FieldPanel("subject_en"), FieldPanel("body_en")], heading=_("English")),
        MultiFieldPanel([FieldPanel("subject_zh"), FieldPanel("body_zh")], heading=_("Chinese")),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.title

    def subject(self, language):
        return (self.subject_zh if chinese(language) else "") or self.subject_en

    def body(self, language):
        return self.body_zh if chinese(language) and self.body_zh else self.body_en

    # Preview in the admin: one mode per language.
    @property
    def preview_modes(self):
        return [("en", "English"), ("zh-hans", "简体中文")]

    @property
    def default_preview_mode(self):
        return "en"

    def serve_preview(self, request, mode_name):
        """The HTML part of the email as a subscriber in that language gets it."""
        from django.http import HttpResponse

        from .sending import render_campaign

        language = mode_name if mode_name in ("en", "zh-hans") else "en"
        _subject, _text, html = render_campaign(self, language, "#", "#")
        return HttpResponse(html)


class CampaignBatch(models.Model):
    """About a thousand recipients of one language, handed to the provider in one call."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveIntegerField()
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    provider_id = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="one_batch_number")]
        ordering = ["campaign", "number"]
        verbose_name = _("campaign batch")
        verbose_name_plural = _("campaign batches")

    def __str__(self):
        return f"{self.campaign_id}#{self.number}"


class CampaignDelivery(models.Model):
    """One campaign to one subscriber: written before the send, so a resumed send
    knows who already got it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        SKIPPED_CAP = "skipped_cap", _("Skipped by cap")
        SKIPPED = "skipped", _("Skipped: unsubscribed or suppressed")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("campaign")
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    batch = models.ForeignKey(CampaignBatch, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("sent at"))
    bounced_at = models.DateTimeField(null=True, blank=True, verbose_name=_("bounced at"))
    complained_at = models.DateTimeField(null=True, blank=True, verbose_name=_("complained at"))
    unsubscribed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("unsubscribed at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="one_delivery_per_subscriber")
        ]
        verbose_name = _("campaign delivery")
        verbose_name_plural = _("campaign deliveries")

    def __str__(self):
        return f"{self.campaign_id} → {self.subscriber_id}"
