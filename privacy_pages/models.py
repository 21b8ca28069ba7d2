"""Policy pages (R-CMS-5): privacy policy, terms of use and cookie policy, with a
visible "last updated" date and a public history of every published version."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageLogEntry, Revision
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage

from .blocks import PolicyBodyBlock
from .registry_table import registry_rows


class PolicyPage(RoutablePageMixin, BasePage):
    PRIVACY, TERMS, COOKIES = "privacy", "terms", "cookies"
    KIND_CHOICES = [
        (PRIVACY, _("Privacy policy")),
        (TERMS, _("Terms of use")),
        (COOKIES, _("Cookie policy")),
    ]

    kind = models.CharField(_("kind of policy"), max_length=10, choices=KIND_CHOICES, default=PRIVACY)
    introduction = models.TextField(_("introduction"), blank=True, max_length=800)
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("body"))
    # The registry as it was when this version was saved: an old version's "what we
    # collect" table shows what was stored then.
    registry_snapshot = models.JSONField(default=list, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("kind"),
        TranslatableField("introduction"),
        TranslatableField("body"),
        SynchronizedField("registry_snapshot"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    is_old_version = False

    def save_revision(self, *args, **kwargs):
        self.registry_snapshot = registry_rows()
        return super().save_revision(*args, **kwargs)

    def published_versions(self):
        """Every publication of this page, newest first (the public version history)."""
        return (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .only("timestamp", "revision_id")
            .order_by("-timestamp", "-pk")
        )

    def version_url(self, revision_id, request=None):
        return self.get_url(request) + self.reverse_subpage("version", args=[revision_id])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["history_url"] = self.get_url(request) + self.reverse_subpage("history")
        return context

    @path("history/", name="history")
    def history(self, request):
        versions = [
            {"date": entry.timestamp, "url": self.version_url(entry.revision_id, request)}
            for entry in self.published_versions()
        ]
        return TemplateResponse(
            request,
            "privacy_pages/policy_history.html",
            {**self.get_context(request), "versions": versions},
        )

    @path("history/<int:revision_id>/", name="version")
    def version(self, request, revision_id):
        entry = self.published_versions().filter(revision_id=revision_id).first()
        revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(self.pk)).first()
        if entry is None or revision is None:
            raise Http404
        old = revision.as_object()
        old.is_old_version = True
        context = self.get_context(request)
        context.update(page=old, self=old, version_date=entry.timestamp, current_url=self.get_url(request))
        return TemplateResponse(request, "privacy_pages/policy_page.html", context)
