"""The city guide: ArticleIndexPage → ArticlePage, with authors and topics as
translatable snippets and free tags.

Words are translated (titles, standfirst, body, captions, an author's bio, a topic's
name); facts are synchronised from the source page (dates, slug, hero image, tags,
sponsorship). Topics and authors are linked per language: the Chinese article points
at the Chinese topic and the Chinese byline.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.lookups import public
from core.models import BasePage
from core.renditions import attach_renditions, loaded
from core.tags import attach_names, with_names

from .blocks import ArticleBodyBlock

ARTICLES_PER_PAGE = 12
RELATED_COUNT = 3
CARD_RENDITION = "fill-480x320|format-webp"
# Sub-paths of the guide: an article cannot take one of these as its slug.
RESERVED_SLUGS = {"topic", "tag", "feed"}


class Topic(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, allow_unicode=False, help_text=_("Shared by both languages.")
    )
    description = models.TextField(_("description"), blank=True, max_length=300)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Author(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. Food editor"))
    bio = models.TextField(_("biography"), blank=True, max_length=1000)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("bio"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class ArticleIndexPage(RoutablePageMixin, BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    override_translatable_fields = BasePage.override_translatable_fields + [TranslatableField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("city guide")

    def articles(self):
        return cards(ArticlePage.objects.child_of(self).live().public())

    def paginate(self, request, queryset):
        return Paginator(queryset, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))

    def topics(self):
        return Topic.objects.filter(locale_id=self.locale_id)

    def render_listing(self, request, articles, **extra):
        page_obj = self.paginate(request, articles)
        context = {"page_obj": page_obj, "articles": page_obj.object_list, "topics": self.topics(), **extra}
        return self.render(request, context_overrides=context)

    def has_subview(self, suffix):
        """Whether this language's guide can show the sub-view at ``suffix`` (a topic
        that exists here, a tag with articles here)."""
        parts = suffix.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "topic":
            return self.topics().filter(slug=parts[1]).exists()
        if len(parts) == 2 and parts[0] == "tag":
            return self.articles().filter(tagged_items__tag__slug=parts[1]).exists()
        return True

    @path("")
    def index_view(self, request):
        return self.render_listing(request, self.articles())

    @path("topic/<slug:slug>/")
    def topic_view(self, request, slug):
        topic = Topic.objects.filter(locale_id=self.locale_id, slug=slug).first()
        if topic is None:
            raise Http404
        articles = self.articles().filter(topic__translation_key=topic.translation_key)
        return self.render_listing(request, articles, topic=topic)

    @path("tag/<str:slug>/")
    def tag_view(self, request, slug):
        tag = with_names(Tag.objects.filter(slug=slug)).first()
        if tag is None:
            raise Http404
        articles = self.articles().filter(tagged_items__tag=tag)
        if not articles.exists():
            raise Http404
        return self.render_listing(request, articles, tag=tag)

    @path("feed/")
    def feed_view(self, request):
        from .feeds import ArticleFeed

        return ArticleFeed(self)(request)


def cards(queryset, renditions=True):
    """Articles ready for a list: topic and hero image in bulk, newest first. With
    ``renditions=False`` the hero images come in the same query and
    ``with_card_renditions`` reads their renditions once the list is cut."""
    queryset = queryset.select_related("topic", "locale")
    if renditions:
        queryset = queryset.prefetch_related(
            Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_RENDITION))
        )
    else:
        queryset = queryset.select_related("hero_image")
    return queryset.order_by("-date", "-pk")


def with_card_renditions(articles):
    """Attach the card renditions of ``articles``' hero images (one query)."""
    attach_renditions([loaded(article, "hero_image") for article in articles], CARD_RENDITION)
    return articles


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(BasePage):
    standfirst = models.TextField(
        _("standfirst"), max_length=400, help_text=_("One or two sentences under the title.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("hero caption"), max_length=250, blank=True)
    hero_credit = models.CharField(_("hero credit"), max_length=120, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    date = models.DateField(_("publication date"), default=timezone.localdate)
    updated = models.DateField(
        _("updated"), null=True, blank=True, help_text=_("Set when the facts were checked again.")
    )
    sponsored = models.BooleanField(
        _("sponsored content"), default=False, help_text=_('Shows a clear "Sponsored" label.')
    )
    sponsor = models.CharField(_("sponsor"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Hero image"),
        ),
        InlinePanel("article_authors", heading=_("Authors"), label=_("author")),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("updated")]),
                FieldRowPanel([FieldPanel("sponsored"), FieldPanel("sponsor")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        TranslatableField("standfirst"),
        TranslatableField("hero_caption"),
        TranslatableField("body"),
        TranslatableField("topic"),
        TranslatableField("article_authors"),
        SynchronizedField("hero_image"),
        SynchronizedField("hero_credit"),
        SynchronizedField("tags"),
        SynchronizedField("tagged_items"),
        SynchronizedField("date"),
        SynchronizedField("updated"),
        SynchronizedField("sponsored"),
        SynchronizedField("sponsor"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    og_type = "article"
    route_select_related = ("topic", "hero_image")

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by the guide itself; choose another slug.")
        if self.updated and self.date and self.updated < self.date:
            errors["updated"] = _("An article cannot be updated before it was published.")
        if self.sponsor and not self.sponsored:
            errors["sponsored"] = _("An article with a sponsor must be marked as sponsored.")
        if errors:
            raise ValidationError(errors)

    def authors(self):
        return [
            link.author
            for link in self.article_authors.select_related("author", "author__photo")
            if link.author_id
        ]

    def related_articles(self, tag_ids=None):
        """Live public articles of the same language sharing the topic or a tag (one
        query, and one for their card pictures)."""
        if tag_ids is None:
            tag_ids = list(self.tagged_items.values_list("tag_id", flat=True))
        match = Q(tagged_items__tag_id__in=tag_ids) if tag_ids else Q(pk__in=[])
        if self.topic_id:
            match |= Q(topic_id=self.topic_id)
        shared = (
            Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
            if tag_ids
            else Value(0)
        )
        related = list(
            cards(
                public(ArticlePage.objects.live())
                .filter(locale_id=self.locale_id)
                .filter(match)
                .exclude(pk=self.pk),
                renditions=False,
            )
            .annotate(shared_tags=shared)
            .order_by("-shared_tags", "-date", "-pk")[:RELATED_COUNT]
        )
        return with_card_renditions(related)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.authors()
        tags = self.tags.all()
        tags = attach_names(with_names(tags) if hasattr(tags, "annotate") else tags)
        context["article_tags"] = tags
        context["related_articles"] = self.related_articles([tag.pk for tag in tags])
        context["guide"] = self.get_parent()
        return context


class ArticleAuthor(TranslatableMixin, Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]
    translatable_fields = [TranslatableField("author")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
