"""Products, orders, the job-credit ledger, invoices and provider notifications.

Money is Decimal in CNY. Prices include tax; invoices split out the tax part.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyQuerySet

CURRENCY = "CNY"


def bilingual(en, zh):
    """The Chinese text under the Chinese interface when there is one."""
    return zh if zh and (get_language() or "").startswith("zh") else en


class AdPosition(models.TextChoices):
    HOME_TOP = "home_top", _("Home page, below the header")
    CLASSIFIEDS_TOP = "classifieds_top", _("Classifieds lists, above the results")
    EVENTS_TOP = "events_top", _("Events calendar, above the events")


class ProductKind(models.TextChoices):
    JOB_CREDITS = "job_credits", _("Job credits")
    FEATURED = "featured", _("Featured listing")
    AD_SLOT = "ad_slot", _("Advertising banner")


class Product(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ProductKind.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=1000)
    description_zh = models.TextField(_("description (Chinese)"), blank=True, max_length=1000)
    price = models.DecimalField(
        _("price (CNY, tax included)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    credits = models.PositiveIntegerField(_("job credits"), default=0, help_text=_("For credit packs."))
    days = models.PositiveIntegerField(
        _("days"), default=0, help_text=_("For featured listings and banners: how long it runs.")
    )
    ad_position = models.CharField(
        _("banner position"),
        max_length=30,
        blank=True,
        choices=AdPosition.choices,
        help_text=_("For banners: where on the site the banner shows."),
    )
    active = models.BooleanField(_("on sale"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["kind", "sort_order", "price"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        permissions = [("import_product", "Can import products"), ("export_product", "Can export products")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return bilingual(self.name_en, self.name_zh)

    @property
    def description(self):
        return bilingual(self.description_en, self.description_zh)

    def clean(self):
        if self.kind == ProductKind.JOB_CREDITS and not self.credits:
            raise ValidationError({"credits": _("A credit pack gives at least one credit.")})
        if self.kind in (ProductKind.FEATURED, ProductKind.AD_SLOT) and not self.days:
            raise ValidationError({"days": _("Say for how many days it runs.")})
        if self.kind == ProductKind.AD_SLOT and not self.ad_position:
            raise ValidationError({"ad_position": _("Choose where the banner shows.")})


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    FULFILLED = "fulfilled", _("Complete")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUNDED = "refunded", _("Refunded")


class PaymentMethod(models.TextChoices):
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    BANK = "bank", _("Bank transfer")


class OrderQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(buyer=user)


def new_reference():
    # Short enough to type into a bank transfer's remark; no 0/O or 1/I confusion.
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    raw = uuid.uuid4().int
    return "LT" + "".join(alphabet[(raw >> (5 * i)) & 31] for i in range(8))


class Order(models.Model):
    number = models.UUIDField(_("number"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("payment reference"), max_length=12, unique=True, default=new_reference)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="orders",
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT)
    listing = models.ForeignKey(
        "classifieds.Listing",
        verbose_name=_("listing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The listing a featured upgrade is for."),
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default=CURRENCY)
    tax_rate = models.DecimalField(_("tax rate"), max_digits=5, decimal_places=4)
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True
    )
    invoice_name = models.CharField(_("name on the invoice"), max_length=200)
    invoice_tax_id = models.CharField(_("tax ID on the invoice"), max_length=30, blank=True)
    # Only the provider's own identifiers: never card numbers, wallet ids or credentials.
    provider_reference = models.CharField(_("provider transaction id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("fulfilled"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    marked_paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked paid by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_queried_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        permissions = [("export_order", "Can export orders")]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="order_unique_provider_reference",
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("payments:order", kwargs={"number": self.number})

    @property
    def amount_in_fen(self):
        return int((self.amount * 100).to_integral_value())

    @property
    def is_open(self):
        return self.status == OrderStatus.PENDING and self.expires_at > timezone.now()


class EntryKind(models.TextChoices):
    PURCHASE = "purchase", _("Bought")
    SPEND = "spend", _("Job posted")
    REFUND = "refund", _("Refunded")
    ADJUSTMENT = "adjustment", _("Adjusted by staff")


class CreditEntryQuerySet(AppendOnlyQuerySet):
    def balance_of(self, user):
        return self.filter(user=user).aggregate(total=Sum("credits"))["total"] or 0


class CreditEntry(models.Model):
    """One line of the job-credit ledger. Lines are only ever added: a mistake is
    corrected by another line, and the balance is their sum."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="credit_entries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    credits = models.IntegerField(_("credits"))
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    listing = models.ForeignKey(
        "classifieds.Listing", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = CreditEntryQuerySet.as_manager()
    # What erasure and on_delete=SET_NULL may do to a line (payments/append_only.py).
    ERASABLE = {"user": None, "reason": "", "created_by": None, "order": None, "listing": None}

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("credit ledger entry")
        verbose_name_plural = _("credit ledger")
        permissions = [("export_creditentry", "Can export the credit ledger")]
        constraints = [
            # One purchase per order, one refund per order: a replayed payment or
            # refund cannot add credits twice.
            models.UniqueConstraint(
                fields=["order", "kind"], condition=Q(order__isnull=False), name="credit_once_per_order"
            ),
            models.CheckConstraint(
                condition=~Q(kind="adjustment") | ~Q(reason=""), name="credit_adjustment_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.credits:+d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Ledger entries are never changed; add a correcting entry.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Ledger entries are never deleted; add a correcting entry.")


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceQuerySet(AppendOnlyQuerySet):
    def owned_by(self, user):
        return self.filter(buyer=user)


class InvoiceSequence(models.Model):
    """The last number used in a year; locked while the next one is taken, so
    numbers have no gaps and no twins."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("invoice number sequence")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    """Issued once, never changed: a correction is a credit note pointing at it."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE
    )
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoices"
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invoices",
        verbose_name=_("buyer"),
    )
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_tax_id = models.CharField(_("buyer tax ID"), max_length=30, blank=True)
    buyer_email = models.CharField(_("buyer email"), max_length=254, blank=True)
    seller = models.JSONField(_("seller"))
    lines = models.JSONField(_("invoice lines"))
    net = models.DecimalField(_("net"), max_digits=12, decimal_places=2)
    tax = models.DecimalField(_("tax"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    tax_rate = models.DecimalField(_("tax rate"), max_digits=5, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3, default=CURRENCY)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = InvoiceQuerySet.as_manager()
    # What erasure and on_delete=SET_NULL may do to an invoice (payments/append_only.py).
    ERASABLE = {"buyer": None, "buyer_email": ""}

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        permissions = [("export_invoice", "Can export invoices")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_unique_sequence"),
            models.UniqueConstraint(
                fields=["corrects"], condition=Q(corrects__isnull=False), name="one_credit_note_per_invoice"
            ),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("An issued invoice is never changed; issue a credit note.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("payments:invoice", kwargs={"number": self.number})

    def delete(self, *args, **kwargs):
        raise ValidationError("Issued invoices are kept for the legal retention period.")


class NotificationOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted: order paid")
    DUPLICATE = "duplicate", _("Already handled")
    REJECTED = "rejected", _("Rejected")
    IGNORED = "ignored", _("Not a payment")


class PaymentNotification(models.Model):
    """Every call a payment provider makes to us, kept for reconciliation."""

    method = models.CharField(_("provider"), max_length=10, choices=PaymentMethod.choices)
    event_id = models.CharField(_("provider event id"), max_length=100, blank=True)
    order = models.ForeignKey(
        Order,
        verbose_name=_("order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    provider_reference = models.CharField(_("provider transaction id"), max_length=64, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    signature_valid = models.BooleanField(_("signature valid"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=NotificationOutcome.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")

    def __str__(self):
        return f"{self.get_method_display()} {self.event_id or self.provider_reference}"


class AdStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Waiting for payment")
    IN_REVIEW = "in_review", _("Waiting for editorial approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


def ad_upload_to(booking, filename):
    return f"ads/{booking.order.number}/{filename}"


class AdBookingQuerySet(models.QuerySet):
    def showing(self, position, day):
        return self.filter(position=position, status=AdStatus.APPROVED, starts_on__lte=day, ends_on__gte=day)


class AdBooking(models.Model):
    """A banner bought for a position and a run of days; shown once paid and approved."""

    order = models.OneToOneField(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="ad")
    position = models.CharField(_("position"), max_length=30, choices=AdPosition.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    image = models.ImageField(_("banner image"), upload_to=ad_upload_to)
    link_url = models.URLField(_("link"), max_length=500)
    alt_text = models.CharField(_("text for screen readers"), max_length=150)
    status = models.CharField(
        _("status"), max_length=20, choices=AdStatus.choices, default=AdStatus.AWAITING_PAYMENT, db_index=True
    )
    review_note = models.CharField(_("note to the advertiser"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = AdBookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("banner booking")
        verbose_name_plural = _("banner bookings")

    def __str__(self):
        return f"{self.get_position_display()} {self.starts_on}–{self.ends_on}"
