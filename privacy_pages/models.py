"""Policy pages (R-CMS-5): privacy policy, terms of use and cookie policy, with a
visible "last updated" date and a public history of every published version."""

from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import PageLogEntry, Revision
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage

from .blocks import PolicyBodyBlock
from .registry_table import registry_rows
from .versions import KEY_PATTERN, keyed_versions


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

    def versions(self):
        """The public versions, newest first, each with its key (see versions.py);
        remembered on the page, as the history, the switcher and hreflang ask."""
        if not hasattr(self, "_versions"):
            self._versions = keyed_versions(self.published_versions())
        return self._versions

    def version_url(self, key, request=None):
        return self.get_url(request) + self.reverse_subpage("version", kwargs={"key": key})

    def has_subview(self, suffix):
        """Whether this language shows the view at ``suffix``: the history, or a
        version with that key (the same day in both languages)."""
        parts = suffix.strip("/").split("/")
        if parts == ["history"]:
            return True
        if len(parts) == 2 and parts[0] == "history":
            return any(version.key == parts[1] for version in self.versions())
        return False

    def subview_fallback(self, suffix):
        """Where the switcher goes when this language lacks the version shown: its
        history, never a missing page."""
        return self.reverse_subpage("history").lstrip("/") if suffix.startswith("history/") else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["history_url"] = self.get_url(request) + self.reverse_subpage("history")
        return context

    @path("history/", name="history")
    def history(self, request):
        versions = [
            {"date": version.timestamp, "url": self.version_url(version.key, request)}
            for version in self.versions()
        ]
        return TemplateResponse(
            request,
            "privacy_pages/policy_history.html",
            {**self.get_context(request), "versions": versions},
        )

    @re_path(rf"^history/(?P<key>{KEY_PATTERN})/$", name="version")
    def version(self, request, key):
        found = next((version for version in self.versions() if version.key == key), None)
        revision = None
        if found is not None:
            revision = Revision.page_revisions.filter(pk=found.revision_id, object_id=str(self.pk)).first()
        if revision is None:
            raise Http404
        old = revision.as_object()
        old.is_old_version = True
        context = self.get_context(request)
        context.update(page=old, self=old, version_date=found.timestamp, current_url=self.get_url(request))
        return TemplateResponse(request, "privacy_pages/policy_page.html", context)

    @path("history/<int:revision_id>/", name="version_by_revision")
    def version_by_revision(self, request, revision_id):
        """Version URLs used to carry revision numbers: send old links on, for good."""
        found = next((version for version in self.versions() if version.revision_id == revision_id), None)
        if found is None:
            raise Http404
        return HttpResponsePermanentRedirect(self.version_url(found.key, request))
