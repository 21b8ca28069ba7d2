"""Events: EventIndexPage → EventPage (Wagtail), their occurrences and submissions.

Titles, summaries, locations and bodies are translated; dates, repetition, venue,
category, price, tickets link and image are synchronised from the source page.
Listings read EventOccurrence rows, rebuilt whenever a page is published, so a
repeating event costs no extra queries in a list.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, District
from home.blocks import BodyBlock

from .dates import local

# Sub-paths of the calendar: an event cannot take one of these as its slug.
RESERVED_SLUGS = {"today", "weekend", "date", "month", "ical", "submit"}
MAX_PRICE = 100_000


class Category(models.TextChoices):
    MUSIC = "music", _("Music")
    NIGHTLIFE = "nightlife", _("Nightlife")
    ARTS = "arts", _("Arts and exhibitions")
    FAMILY = "family", _("Family and kids")
    SPORTS = "sports", _("Sports and outdoors")
    TALKS = "talks", _("Talks and workshops")
    FOOD = "food", _("Food and drink")
    COMMUNITY = "community", _("Community")


class Repeat(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week, on the same weekday")
    MONTHLY = "monthly", _("Every month, on the same weekday (e.g. the second Tuesday)")


class EventIndexPage(RoutablePageMixin, BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    override_translatable_fields = BasePage.override_translatable_fields + [TranslatableField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events calendar")

    def has_subview(self, suffix):
        """Every calendar view (today, this weekend, a date, a month) exists in each
        language at the same path, so the switcher and hreflang keep it."""
        return True

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            guest = self.guest_event(path_components[0]) if path_components else None
            if guest is None:
                raise
            return guest.route(request, path_components[1:])

    def guest_event(self, slug):
        """An event written in another language and not translated into this
        calendar's, served at this calendar's address: a reader of the English
        calendar who opens an event a member sent in Chinese keeps the English
        interface (the event's text stays Chinese, labelled; its canonical URL is
        its own). None when there is no such event."""
        candidates = (
            EventPage.objects.live()
            .public()
            .filter(slug=slug, depth=self.depth + 1)
            .exclude(locale_id=self.locale_id)
            .select_related("locale")
        )
        for event in candidates:
            if event.get_parent().translation_key != self.translation_key:
                continue
            translated = EventPage.objects.live().filter(
                translation_key=event.translation_key, locale_id=self.locale_id
            )
            if not translated.exists():
                return event
        return None

    @path("")
    def upcoming(self, request):
        from . import views_calendar

        return views_calendar.listing_view(self, request, "upcoming")

    @path("today/")
    def today(self, request):
        from . import views_calendar

        return views_calendar.listing_view(self, request, "today")

    @path("weekend/")
    def weekend(self, request):
        from . import views_calendar

        return views_calendar.listing_view(self, request, "weekend")

    @path("date/")
    def pick_date(self, request):
        from . import views_calendar

        return views_calendar.pick_date(self, request)

    @re_path(r"^date/(?P<day>\d{4}-\d{2}-\d{2})/$")
    def on_date(self, request, day):
        from . import views_calendar

        return views_calendar.listing_view(self, request, "date", day=day)

    @path("month/")
    def this_month(self, request):
        from . import views_calendar

        return views_calendar.month_view(self, request)

    @re_path(r"^month/(?P<year>\d{4})-(?P<month>\d{2})/$")
    def month(self, request, year, month):
        from . import views_calendar

        return views_calendar.month_view(self, request, int(year), int(month))

    @path("ical/")
    def feed(self, request):
        from . import views_calendar

        return views_calendar.feed_view(self, request)

    @path("ical/<slug:category>/")
    def category_feed(self, request, category):
        from . import views_calendar

        return views_calendar.feed_view(self, request, category)


class EventPage(RoutablePageMixin, BasePage):
    introduction = models.TextField(_("summary"), blank=True, max_length=300)
    start = models.DateTimeField(_("starts"), help_text=_("Shanghai time."))
    end = models.DateTimeField(
        _("ends"), help_text=_("Shanghai time. For an all-day event only the dates count.")
    )
    all_day = models.BooleanField(_("all day"), default=False)
    repeat = models.CharField(_("repeats"), max_length=10, choices=Repeat.choices, blank=True, default="")
    repeat_until = models.DateField(
        _("repeats until"), null=True, blank=True, help_text=_("Leave empty to repeat without an end.")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, db_index=True)
    venue = models.ForeignKey(
        "directory.VenuePage",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Where it happens, when it is not a listed venue."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_free = models.BooleanField(_("free entry"), default=False)
    price = models.DecimalField(
        _("price (CNY)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE)],
        help_text=_("The lowest ticket price, in yuan."),
    )
    tickets_url = models.URLField(_("tickets link"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_until")]),
                InlinePanel("exception_dates", heading=_("Dates skipped"), label=_("date")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("location"), FieldPanel("district")], heading=_("Where")
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("tickets_url"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("location"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("district"),
        # District names in both languages; Chinese ones are also indexed as pinyin.
        index.RelatedFields("district", [index.SearchField("name_en"), index.SearchField("name_zh")]),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        TranslatableField("introduction"),
        TranslatableField("location"),
        TranslatableField("body"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("repeat"),
        SynchronizedField("repeat_until"),
        SynchronizedField("exception_dates"),
        SynchronizedField("category"),
        SynchronizedField("venue"),
        SynchronizedField("district"),
        SynchronizedField("is_free"),
        SynchronizedField("price"),
        SynchronizedField("tickets_url"),
        SynchronizedField("image"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the calendar itself; choose another slug.")
        if self.start and self.end:
            if self.all_day and local(self.end).date() < local(self.start).date():
                errors["end"] = _("The last day cannot come before the first day.")
            elif not self.all_day and self.end <= self.start:
                errors["end"] = _("The event must end after it starts.")
            elif self.end - self.start > timedelta(days=366):
                errors["end"] = _("An event can last at most a year; use repetition instead.")
        if self.repeat_until and self.start and self.repeat_until < local(self.start).date():
            errors["repeat_until"] = _("The repetition cannot end before the first date.")
        if self.is_free and self.price:
            errors["price"] = _("A free event has no price.")
        if errors:
            raise ValidationError(errors)

    def where(self):
        """The venue in the active language, if any (one query)."""
        if self.venue_id is None:
            return None
        venue = self.venue
        return venue.localized if venue.live else None

    @path("")
    def event(self, request):
        from . import views_calendar

        return views_calendar.event_page(self, request)

    @path("ical/")
    def ical(self, request):
        from . import views_calendar

        return views_calendar.event_ical(self, request)


class EventExceptionDate(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exception_dates")
    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("date skipped")
        verbose_name_plural = _("dates skipped")

    def __str__(self):
        return self.date.isoformat()


class EventOccurrence(models.Model):
    """One date of a published event, in UTC; ``end`` is exclusive."""

    page = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["end", "start"], name="events_occurrence_span")]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")

    def __str__(self):
        return f"{self.page_id}: {self.start:%Y-%m-%d %H:%M}"


class EventSubmission(models.Model):
    """An event a member sent in: a draft EventPage in the editors' workflow."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    page = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="submissions")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_submissions"
    )
    note = models.TextField(_("note to the editors"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_note = models.TextField(_("editor's note"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event submission")
        verbose_name_plural = _("event submissions")

    def __str__(self):
        return f"{self.page.title} ({self.submitter})"
