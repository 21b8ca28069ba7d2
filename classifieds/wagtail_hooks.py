"""Moderation in the Wagtail admin: the queue of listings, abuse reports, approve /
reject-with-reason / remove one by one or in bulk, and each listing's history."""

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import lifecycle
from .forms import ModerationForm
from .models import AbuseReport, Listing, Status

LOG_ACTIONS = {
    "classifieds.submit": (_("Submit for moderation"), _("Submitted for moderation")),
    "classifieds.approve": (_("Approve"), _("Approved")),
    "classifieds.remove": (_("Remove"), _("Removed")),
    "classifieds.edit_resubmitted": (_("Edit"), _("Edited and sent back to moderation")),
    "classifieds.bump": (_("Refresh"), _("Refreshed")),
    "classifieds.taken": (_("Mark as taken"), _("Marked as taken")),
    "classifieds.delete": (_("Delete"), _("Deleted by the poster")),
    "classifieds.expire": (_("Expire"), _("Expired")),
    "classifieds.report_resolved": (_("Resolve report"), _("Report resolved")),
}


@hooks.register("register_log_actions")
def register_listing_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class NoCreatePermissionPolicy(ModelPermissionPolicy):
    """Members post listings on the site; the admin only moderates them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Listing, NoCreatePermissionPolicy(Listing))
register_permission_policy(AbuseReport, NoCreatePermissionPolicy(AbuseReport))


class ModerateColumn(Column):
    def get_value(self, instance):
        return reverse("classifieds_moderate", args=[instance.pk])

    cell_template_name = "classifieds/admin/moderate_cell.html"


class ListingViewSet(SnippetViewSet):
    model = Listing
    icon = "clipboard-list"
    menu_label = _("Listings")
    list_display = [
        "title",
        "kind",
        "status",
        "owner",
        "flagged_as_duplicate",
        "submitted_at",
        ModerateColumn("moderate", label=_("Moderate")),
    ]
    list_filter = ["status", "kind", "flagged_as_duplicate"]
    search_fields = ["title", "description"]
    ordering = ["-submitted_at"]
    inspect_view_enabled = True

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("list")) + "?status=pending"

    def get_queryset(self, request):
        return Listing.objects.select_related("owner")


class AbuseReportViewSet(SnippetViewSet):
    model = AbuseReport
    icon = "warning"
    menu_label = _("Abuse reports")
    list_display = ["listing", "reason", "reporter", "created_at", "resolved_at"]
    list_filter = ["reason"]
    ordering = ["resolved_at", "-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return AbuseReport.objects.select_related("listing", "reporter")


class ModerationGroup(SnippetViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (ListingViewSet, AbuseReportViewSet)


register_snippet(ModerationGroup)


@permission_required("classifieds.change_listing", login_url="wagtailadmin_login")
def moderate(request, pk):
    listing = get_object_or_404(Listing.objects.select_related("owner__profile", "district"), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            with transaction.atomic():
                if action == "approve":
                    lifecycle.publish(listing, moderator=request.user)
                    resolve_reports(listing, request.user)
                    messages.success(request, _("“%(title)s” is published.") % {"title": listing.title})
                elif action in {"reject", "remove"}:
                    lifecycle.reject(listing, request.user, form.cleaned_data["reason"])
                    resolve_reports(listing, request.user)
                    messages.success(request, _("“%(title)s” is removed.") % {"title": listing.title})
                elif action == "dismiss":
                    resolve_reports(listing, request.user)
                    messages.success(request, _("The reports are dismissed."))
                else:
                    messages.error(request, _("Choose an action."))
        except lifecycle.TransitionNotAllowed as reason:
            messages.error(request, str(reason))
        return redirect("classifieds_moderate", pk=listing.pk)
    return TemplateResponse(
        request,
        "classifieds/admin/moderate.html",
        {
            "listing": listing,
            "form": form,
            "photos": list(listing.photos.all()),
            "reports": list(listing.reports.filter(resolved_at__isnull=True).select_related("reporter")),
            "history": ModelLogEntry.objects.for_instance(listing)
            .select_related("user")
            .order_by("-timestamp"),
            "header_title": _("Moderate listing"),
        },
    )


def resolve_reports(listing, moderator):
    count = listing.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )
    if count:
        from wagtail.log_actions import log

        log(listing, "classifieds.report_resolved", user=moderator, data={"reports": count})


@hooks.register("register_admin_urls")
def moderation_urls():
    return [path("classifieds/moderate/<int:pk>/", moderate, name="classifieds_moderate")]


class ApproveBulkAction(SnippetBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected listings")
    template_name = "classifieds/admin/bulk_approve.html"
    action_priority = 10
    models = [Listing]

    def check_perm(self, obj):
        return self.request.user.has_perm("classifieds.change_listing") and obj.status == Status.PENDING

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for listing in objects:
            lifecycle.publish(listing, moderator=user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d listing published.", "%(count)d listings published.", num_parent_objects
        ) % {"count": num_parent_objects}


class RejectBulkAction(SnippetBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected listings")
    template_name = "classifieds/admin/bulk_reject.html"
    action_priority = 20
    models = [Listing]
    form_class = ModerationForm

    def check_perm(self, obj):
        return self.request.user.has_perm("classifieds.change_listing") and obj.status in {
            Status.PENDING,
            Status.PUBLISHED,
        }

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        for listing in objects:
            lifecycle.reject(listing, user, reason)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    def form_valid(self, form):
        if not form.cleaned_data["reason"].strip():
            form.add_error("reason", _("Give the poster a reason."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d listing removed.", "%(count)d listings removed.", num_parent_objects) % {
            "count": num_parent_objects
        }


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


class ImportExportMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("classifieds.import_listing") or user.has_perm("classifieds.export_listing")


@hooks.register("register_admin_menu_item")
def import_export_menu_item():
    return ImportExportMenuItem(
        _("Import / export listings"), "/django-admin/classifieds/listing/", icon_name="download", order=160
    )
