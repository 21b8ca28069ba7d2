"""Classified listings: housing, jobs, buy & sell and personals.

One table for every kind: the kind-specific columns are nullable and the posting
form of each kind asks only for its own. Browsing, moderation, feeds and search
then run plain single-table queries.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.models import District, MetroStation, latitude_field, longitude_field


class Kind(models.TextChoices):
    HOUSING = "housing", _("Housing")
    JOBS = "jobs", _("Jobs")
    BUY_SELL = "buy-sell", _("Buy & sell")
    PERSONALS = "personals", _("Personals")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    TAKEN = "taken", _("Taken / sold")
    EXPIRED = "expired", _("Expired")
    REMOVED = "removed", _("Removed by a moderator")


class JobType(models.TextChoices):
    FULL_TIME = "full-time", _("Full-time")
    PART_TIME = "part-time", _("Part-time")
    INTERNSHIP = "internship", _("Internship")
    CONTRACT = "contract", _("Contract")
    FREELANCE = "freelance", _("Freelance")


class ItemCategory(models.TextChoices):
    FURNITURE = "furniture", _("Furniture")
    ELECTRONICS = "electronics", _("Electronics")
    BIKES = "bikes", _("Bikes")
    HOME = "home", _("Home & kitchen")
    CLOTHING = "clothing", _("Clothing")
    BOOKS = "books", _("Books")
    KIDS = "kids", _("Kids")
    OTHER = "other", _("Other")


class Condition(models.TextChoices):
    NEW = "new", _("New")
    LIKE_NEW = "like-new", _("Like new")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")


class ListerType(models.TextChoices):
    OWNER = "owner", _("Owner or tenant")
    AGENT = "agent", _("Agent")


class ListingQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user, deleted_at__isnull=True)

    def visible(self):
        """What anyone may see: published and not deleted."""
        return self.filter(status=Status.PUBLISHED, deleted_at__isnull=True)

    def visible_to(self, user):
        qs = self.visible()
        if not (user and user.is_authenticated):
            qs = qs.exclude(kind=Kind.PERSONALS)
        return qs


POSTER_CAN_EDIT = {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.EXPIRED}


class Listing(index.Indexed, models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=5000)
    language = models.CharField(
        _("language of the post"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    station = models.ForeignKey(
        MetroStation,
        verbose_name=_("metro station"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = latitude_field()
    longitude = longitude_field()

    # Price in CNY: monthly rent for housing, asking price for buy & sell.
    price = models.DecimalField(
        _("price (CNY)"),
        max_digits=10,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    # How people reach the poster. On-site messages always work.
    show_phone = models.BooleanField(_("show my phone number to signed-in members"), default=False)
    show_wechat = models.BooleanField(_("show my WeChat ID to signed-in members"), default=False)
    show_email = models.BooleanField(_("show my email address to signed-in members"), default=False)

    # Housing
    deposit_terms = models.CharField(_("deposit terms"), max_length=60, blank=True, help_text=_("e.g. 1+3"))
    size_m2 = models.PositiveIntegerField(
        _("size (m²)"), null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(2000)]
    )
    bedrooms = models.PositiveSmallIntegerField(
        _("bedrooms"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    bathrooms = models.PositiveSmallIntegerField(
        _("bathrooms"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    furnished = models.BooleanField(_("furnished"), null=True, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    lease_months = models.PositiveSmallIntegerField(
        _("lease length (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    lister_type = models.CharField(_("listed by"), max_length=10, choices=ListerType.choices, blank=True)

    # Jobs
    employer_name = models.CharField(_("employer"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    salary_min = models.DecimalField(
        _("salary from (CNY/month)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("salary to (CNY/month)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    job_type = models.CharField(_("job type"), max_length=12, choices=JobType.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    visa_sponsorship = models.BooleanField(_("visa sponsorship"), null=True, blank=True)

    # Buy & sell
    item_category = models.CharField(_("category"), max_length=12, choices=ItemCategory.choices, blank=True)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, blank=True)
    delivery_possible = models.BooleanField(_("delivery possible"), null=True, blank=True)

    # Personals
    adult_confirmed_at = models.DateTimeField(_("18+ confirmed at"), null=True, blank=True)

    # Lifecycle
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    bumped_at = models.DateTimeField(null=True, blank=True, db_index=True)  # sort key
    refreshed_at = models.DateTimeField(null=True, blank=True)  # last refresh by the owner
    # Bought featured runs: on top of their list, highlighted, until this moment.
    featured_until = models.DateTimeField(_("featured until"), null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True, max_length=1000)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    flagged_as_duplicate = models.BooleanField(_("possible duplicate"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("deleted at"))
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    objects = ListingQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("employer_name"),
        # District names in both languages; Chinese ones are also indexed as pinyin.
        index.RelatedFields("district", [index.SearchField("name_en"), index.SearchField("name_zh")]),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("deleted_at"),
        index.FilterField("language"),
        index.FilterField("district"),
        index.FilterField("bumped_at"),
    ]

    class Meta:
        ordering = ["-bumped_at", "-pk"]
        indexes = [models.Index(fields=["kind", "status", "-bumped_at"], name="listing_browse")]
        permissions = [("import_listing", "Can import listings"), ("export_listing", "Can export listings")]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "classifieds:detail",
            kwargs={"kind": self.kind, "pk": self.pk, "slug": slugify(self.title) or "listing"},
        )

    @classmethod
    def get_indexed_objects(cls):
        # Only what anyone may see is ever in the search index.
        return cls.objects.visible()

    @property
    def is_visible(self):
        return self.status == Status.PUBLISHED and self.deleted_at is None

    @property
    def sort_date(self):
        return self.bumped_at or self.published_at or self.created_at

    @property
    def is_featured(self):
        return self.featured_until is not None and self.featured_until > timezone.now()

    @property
    def was_refreshed(self):
        return self.refreshed_at is not None

    @property
    def can_be_edited_by_owner(self):
        return self.deleted_at is None and self.status in POSTER_CAN_EDIT


def photo_upload_to(photo, filename):
    return f"listings/{photo.listing.uuid}/{uuid.uuid4().hex}.webp"


class ListingPhoto(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to=photo_upload_to, width_field="width", height_field="height", verbose_name=_("image")
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    phash = models.CharField(max_length=16, blank=True, db_index=True)
    renditions = models.JSONField(default=dict, blank=True)  # {"320": "listings/…-320.webp", …}
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.listing_id} #{self.position}"


class AbuseReport(models.Model):
    class Reason(models.TextChoices):
        SCAM = "scam", _("Scam or fraud")
        WRONG_CATEGORY = "category", _("Wrong category")
        DUPLICATE = "duplicate", _("Duplicate or spam")
        OFFENSIVE = "offensive", _("Offensive or illegal")
        TAKEN = "taken", _("Already taken or sold")
        OTHER = "other", _("Something else")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_reports"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "reporter"], name="one_report_per_member_per_listing"),
        ]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self):
        return f"{self.get_reason_display()}: {self.listing}"


def default_expiry():
    return timezone.now() + timedelta(days=settings.CLASSIFIEDS_LISTING_DAYS)


class SavedSearchQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def wanting_email(self):
        """Searches whose owner can and wants to receive alerts."""
        return self.filter(owner__is_active=True, owner__profile__notify_saved_searches=True).exclude(
            owner__email=""
        )


class SavedSearch(models.Model):
    """A member's browse filters for one kind of listing, with an email alert."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("Instantly, one email per new listing")
        DAILY = "daily", _("Once a day, a digest of new listings")
        NEVER = "never", _("No emails, just keep the search")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The browse page's GET parameters, validated by its filter: {"district": "jingan", …}
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("email alerts"), max_length=8, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_digest_at = models.DateTimeField(null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["frequency", "kind"], name="saved_search_alerts")]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The browse page showing exactly what this search's alerts send."""
        from urllib.parse import urlencode

        url = reverse("classifieds:index", kwargs={"kind": self.kind})
        return f"{url}?{urlencode(sorted(self.filters.items()))}" if self.filters else url


class SavedSearchAlert(models.Model):
    """A listing emailed to a saved search: each listing reaches a search once, ever."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerts")
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="+", verbose_name=_("listing")
    )
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "listing"], name="one_alert_per_listing_per_search"
            ),
        ]
        verbose_name = _("saved-search alert")
        verbose_name_plural = _("saved-search alerts")

    def __str__(self):
        return f"{self.saved_search_id} → {self.listing_id}"
