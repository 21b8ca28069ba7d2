"""The venue directory: DirectoryIndexPage → DirectoryCategoryPage → VenuePage.

Editorial text is translated; facts (address lines, phone, hours, coordinates, price
level, tags, photos) are synchronised from the source page, so editors enter them once.
Reviews and ratings are plain models keyed to the venue, shared by both languages.
"""

from decimal import Decimal

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import page_cache
from core.models import BasePage, District, MetroStation, latitude_field, longitude_field
from core.renditions import attach_renditions, loaded
from core.tags import attach_names, with_names
from home.blocks import BodyBlock

from .. import hours

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
CARD_RENDITION = "fill-320x240|format-webp"
PRICE_LEVELS = [(1, "¥"), (2, "¥¥"), (3, "¥¥¥"), (4, "¥¥¥¥")]
VENUES_PER_PAGE = 20


class DirectoryIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    override_translatable_fields = BasePage.override_translatable_fields + [TranslatableField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.DirectoryCategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.get_children().live().specific()
        return context


class DirectoryCategoryPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    override_translatable_fields = BasePage.override_translatable_fields + [TranslatableField("introduction")]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.VenuePage"]

    class Meta:
        verbose_name = _("directory category")

    def venues(self):
        rating = VenueRating.objects.filter(translation_key=OuterRef("translation_key"))
        return (
            VenuePage.objects.child_of(self)
            .live()
            .select_related("district", "station", "cover_image")
            .annotate(
                rating_average=Subquery(rating.values("average")[:1]),
                rating_count=Subquery(rating.values("count")[:1]),
            )
        )

    def get_context(self, request, *args, **kwargs):
        from ..filters import VenueFilter

        context = super().get_context(request, *args, **kwargs)
        venue_filter = VenueFilter(request.GET or None, queryset=self.venues().order_by("title"))
        page = Paginator(venue_filter.qs, VENUES_PER_PAGE).get_page(request.GET.get("page"))
        venues = list(page.object_list)
        attach_periods(venues)
        attach_renditions([loaded(venue, "cover_image") for venue in venues], CARD_RENDITION)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {"filter": venue_filter, "page_obj": page, "venues": venues, "query_string": query.urlencode()}
        )
        return context


class VenueTag(TaggedItemBase):
    content_object = ParentalKey("directory.VenuePage", on_delete=models.CASCADE, related_name="tagged_items")


class VenuePage(BasePage):
    introduction = models.TextField(_("short description"), blank=True, max_length=300)
    address_en = models.CharField(_("address in English"), max_length=200)
    address_zh = models.CharField(_("address in Chinese"), max_length=200, help_text=_("For taxi drivers."))
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    station = models.ForeignKey(
        MetroStation,
        verbose_name=_("nearest metro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email for enquiries"), blank=True)
    price_level = models.PositiveSmallIntegerField(
        _("price level"), choices=PRICE_LEVELS, null=True, blank=True
    )
    tags = ClusterTaggableManager(through=VenueTag, blank=True, verbose_name=_("tags"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latitude = latitude_field()
    longitude = longitude_field()
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("address_en"),
                FieldPanel("address_zh"),
                FieldRowPanel([FieldPanel("district"), FieldPanel("station")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("price_level"),
                FieldPanel("tags"),
            ],
            heading=_("Facts"),
        ),
        InlinePanel("opening_periods", heading=_("Opening hours"), label=_("period")),
        FieldPanel("cover_image"),
        InlinePanel("gallery_images", heading=_("Photo gallery"), label=_("photo")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("address_en"),
        index.SearchField("address_zh"),
        index.SearchField("body"),
        # District names in both languages; Chinese ones are also indexed as pinyin.
        index.RelatedFields("district", [index.SearchField("name_en"), index.SearchField("name_zh")]),
        # The nearest metro station too: people look for "near Xintiandi".
        index.RelatedFields("station", [index.SearchField("name_en"), index.SearchField("name_zh")]),
        index.FilterField("district"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        TranslatableField("introduction"),
        TranslatableField("body"),
        SynchronizedField("address_en"),
        SynchronizedField("address_zh"),
        SynchronizedField("district"),
        SynchronizedField("station"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("price_level"),
        SynchronizedField("tags"),
        SynchronizedField("tagged_items"),
        SynchronizedField("cover_image"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("opening_periods"),
        SynchronizedField("gallery_images"),
    ]
    parent_page_types = ["directory.DirectoryCategoryPage"]
    subpage_types = []

    route_select_related = ("district", "station", "cover_image")

    class Meta:
        verbose_name = _("venue")
        permissions = [
            ("import_venuepage", "Can import venues from a spreadsheet"),
            ("export_venuepage", "Can export venues to a spreadsheet"),
        ]

    @property
    def periods(self):
        cached = getattr(self, "_periods", None)
        if cached is None:
            cached = [hours.Period(p.weekday, p.opens, p.closes) for p in self.opening_periods.all()]
            self._periods = cached
        return cached

    def opening_status(self, now=None):
        is_open, closes_at, opens_next = hours.status(self.periods, now)
        # A page showing "open now" or "closed now" is true until the next change.
        page_cache.expire_at(closes_at or opens_next)
        return is_open, closes_at, opens_next

    def rating(self):
        return VenueRating.objects.filter(translation_key=self.translation_key).first()

    def rating_and_verified_owner(self, owners):
        """The venue's rating (or None) and whether an owner is verified, in one query."""
        ratings = VenueRating.objects.filter(translation_key=OuterRef("translation_key"))
        row = (
            VenuePage.objects.filter(pk=self.pk)
            .annotate(
                rating_pk=Subquery(ratings.values("pk")[:1]),
                rating_average=Subquery(ratings.values("average")[:1]),
                rating_count=Subquery(ratings.values("count")[:1]),
                verified_owner=Exists(owners),
            )
            .values("rating_pk", "rating_average", "rating_count", "verified_owner")
            .first()
            if self.pk
            else None
        )
        if row is None:
            return self.rating(), owners.exists()
        rating = None
        if row["rating_pk"] is not None:
            places = VenueRating._meta.get_field("average").decimal_places
            average = Decimal(str(row["rating_average"])).quantize(Decimal(1).scaleb(-places))
            rating = VenueRating.from_db(
                "default",
                ["id", "translation_key", "average", "count"],
                [row["rating_pk"], self.translation_key, average, row["rating_count"]],
            )
        return rating, bool(row["verified_owner"])

    def get_context(self, request, *args, **kwargs):
        from ..reviews import published_reviews
        from .community import OwnershipClaim, Review

        context = super().get_context(request, *args, **kwargs)
        context["reviews"] = published_reviews(self)
        context["hours"] = hours.week_table(self.periods)
        context["open_now"], context["closes_at"], context["opens_next"] = self.opening_status()
        owners = OwnershipClaim.objects.filter(
            venue__translation_key=self.translation_key, status=OwnershipClaim.Status.APPROVED
        )
        tags = self.tags.all()
        context["venue_tags"] = attach_names(with_names(tags) if hasattr(tags, "annotate") else tags)
        context["rating"], context["has_verified_owner"] = self.rating_and_verified_owner(owners)
        context["is_verified_owner"] = (
            request.user.is_authenticated and owners.filter(claimant=request.user).exists()
        )
        context["own_review"] = (
            Review.objects.filter(venue__translation_key=self.translation_key, author=request.user).first()
            if request.user.is_authenticated
            else None
        )
        return context


def attach_periods(venues):
    """Opening periods of many venues in one query (they belong to the source page,
    synchronised, so each translation has its own copy)."""
    by_venue = {}
    for period in VenueOpeningPeriod.objects.filter(page__in=venues):
        by_venue.setdefault(period.page_id, []).append(
            hours.Period(period.weekday, period.opens, period.closes)
        )
    for venue in venues:
        venue._periods = by_venue.get(venue.pk, [])


def open_now_q(now):
    """Venues with a period running at ``now`` (naive Shanghai time), in SQL."""
    today, yesterday = now.weekday(), (now.weekday() - 1) % 7
    t = now.time()
    running = VenueOpeningPeriod.objects.filter(page=OuterRef("pk")).filter(
        Q(weekday=today, opens__lte=t) & (Q(closes__gt=t) | Q(closes__lte=F("opens")))
        | Q(weekday=yesterday, closes__gt=t, closes__lte=F("opens"))
    )
    return Exists(running)


class VenueOpeningPeriod(Orderable):
    page = ParentalKey(VenuePage, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time earlier than the opening means after midnight.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")


class VenueGalleryImage(Orderable):
    page = ParentalKey(VenuePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class VenueRating(models.Model):
    """The average of a venue's published reviews, shared by its translations. Kept
    off the page so that publishing an old page revision can never roll it back."""

    translation_key = models.UUIDField(unique=True)
    average = models.DecimalField(max_digits=3, decimal_places=2, default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("venue rating")

    def __str__(self):
        return f"{self.average} ({self.count})"
