"""Cross-cutting models: the page base every page type shares, and city data."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import PageLinkBlock


class BasePage(Page):
    """What every Longtang page shares: SEO text, search with a locale filter and
    the explicit split between translated and synchronised fields.

    Subclasses extend ``override_translatable_fields`` with their own fields.
    """

    search_fields = Page.search_fields + [
        index.FilterField("locale"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("show_in_menus"),
    ]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        from .routing import route

        return route(self, request, path_components, super().route)

    def get_view_restrictions(self):
        """Wagtail's answer, without asking while no page has a view restriction."""
        from wagtail.models import PageViewRestriction

        from .lookups import restricted_paths

        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def latitude_field():
    return models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def longitude_field():
    return models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


class BilingualName(models.Model):
    """A name kept in both languages; ``name`` follows the active language."""

    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self):
        # English readers get the Chinese name too (taxi drivers, signs); Chinese
        # readers need only theirs.
        language = get_language() or "en"
        if language.startswith("zh") and self.name_zh:
            return self.name_zh
        return f"{self.name_en} / {self.name_zh}"

    @property
    def name(self):
        language = get_language() or "en"
        if language.startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en


class District(BilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class MetroLine(BilingualName):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    colour = models.CharField(_("colour"), max_length=7, blank=True, help_text=_("Hex colour, e.g. #E3002B"))
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("metro line")
        verbose_name_plural = _("metro lines")


class MetroStation(BilingualName):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stations",
    )
    lines = models.ManyToManyField(
        MetroLine, verbose_name=_("lines"), through="LineStop", related_name="stations"
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("metro station")
        verbose_name_plural = _("metro stations")


class LineStop(models.Model):
    """A station's place on a line, so lines list their stations in order."""

    line = models.ForeignKey(MetroLine, on_delete=models.CASCADE, related_name="stops")
    station = models.ForeignKey(MetroStation, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["line", "position"]
        constraints = [
            models.UniqueConstraint(fields=["line", "station"], name="unique_station_per_line"),
        ]
        verbose_name = _("line stop")
        verbose_name_plural = _("line stops")

    def __str__(self):
        return f"{self.line.name_en} #{self.position}: {self.station.name_en}"


@register_setting(icon="list-ul")
class SiteChrome(BaseGenericSetting):
    """Links in the site footer (policy pages, about). Chosen pages are shown in
    the visitor's language when a translation exists."""

    footer_links = StreamField(
        [("page", PageLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
    )

    panels = [FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("site header and footer")


from .models_mail import SentEmail, SuppressedAddress, WebhookReceipt  # noqa: E402, F401 - email keys, suppression
from .models_request_log import RequestLogEntry  # noqa: E402, F401 - the request log (R-LOG-1)
from .models_tags import TagName  # noqa: E402, F401 - tags' Chinese names
