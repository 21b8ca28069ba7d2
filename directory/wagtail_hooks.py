"""Review moderation in the Wagtail admin: pending and reported reviews, publish or
remove one by one or in bulk; the venue's average follows every change."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import proposals, reviews
from .models import OwnershipClaim, Review, VenueEditProposal


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "openquote"
    menu_label = _("Venue reviews")
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["venue", "rating", "author", "status", "created_at"]
    list_filter = ["status", "rating"]
    search_fields = ["text"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = True
    panels = [FieldPanel("status"), FieldPanel("removal_reason")]

    def get_queryset(self, request):
        return Review.objects.select_related("venue", "author")


register_snippet(ReviewViewSet)


class LicenceColumn(Column):
    cell_template_name = "directory/admin/licence_cell.html"

    def get_value(self, instance):
        return reverse("directory_claim_licence", args=[instance.pk])


@permission_required("directory.change_ownershipclaim", login_url="wagtailadmin_login")
def claim_licence(request, pk):
    """The proof a claimant sent, for editors only (the file has no public URL)."""
    claim = get_object_or_404(OwnershipClaim, pk=pk)
    return FileResponse(claim.licence.open("rb"), as_attachment=True, filename=Path(claim.licence.name).name)


@hooks.register("register_admin_urls")
def claim_urls():
    return [path("directory/claims/<int:pk>/licence/", claim_licence, name="directory_claim_licence")]


class OwnershipClaimViewSet(SnippetViewSet):
    model = OwnershipClaim
    icon = "key"
    menu_label = _("Ownership claims")
    menu_order = 156
    add_to_admin_menu = True
    list_display = [
        "venue",
        "claimant",
        "role",
        "status",
        "created_at",
        LicenceColumn("licence", label=_("Licence")),
    ]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "venue",
        "claimant",
        "role",
        "contact_phone",
        "status",
        "decision_note",
        "created_at",
    ]
    panels = [FieldPanel("status"), FieldPanel("decision_note")]

    def get_queryset(self, request):
        return OwnershipClaim.objects.select_related("venue", "claimant")


register_snippet(OwnershipClaimViewSet)


@hooks.register("after_edit_snippet")
def record_who_decided(request, instance):
    if isinstance(instance, OwnershipClaim) and instance.status != OwnershipClaim.Status.PENDING:
        OwnershipClaim.objects.filter(pk=instance.pk).update(decided_by=request.user)


@hooks.register("after_edit_snippet")
def keep_rating_right(request, instance):
    if isinstance(instance, Review):
        reviews.update_rating(instance.venue.translation_key)


class ReviewStatusBulkAction(SnippetBulkAction):
    models = [Review]
    template_name = "directory/admin/bulk_review.html"
    new_status = None

    def check_perm(self, obj):
        return self.request.user.has_perm("directory.change_review")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for review in objects:
            reviews.set_status(review, cls.new_status, moderator=user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}


class PublishReviewsBulkAction(ReviewStatusBulkAction):
    display_name = _("Publish")
    action_type = "publish_reviews"
    aria_label = _("Publish the selected reviews")
    new_status = Review.Status.PUBLISHED

    def get_success_message(self, count, _children):
        return ngettext("%(count)d review published.", "%(count)d reviews published.", count) % {
            "count": count
        }


class RemoveReviewsBulkAction(ReviewStatusBulkAction):
    display_name = _("Remove")
    action_type = "remove_reviews"
    aria_label = _("Remove the selected reviews")
    new_status = Review.Status.REMOVED

    def get_success_message(self, count, _children):
        return ngettext("%(count)d review removed.", "%(count)d reviews removed.", count) % {"count": count}


hooks.register("register_bulk_action", PublishReviewsBulkAction)
hooks.register("register_bulk_action", RemoveReviewsBulkAction)


class VenueEditProposalViewSet(SnippetViewSet):
    model = VenueEditProposal
    icon = "edit"
    menu_label = _("Owners' changes")
    menu_order = 157
    add_to_admin_menu = True
    list_display = ["venue", "proposer", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    panels = [
        HelpPanel(template="directory/admin/proposal_changes.html", heading=_("Proposed changes")),
        FieldPanel("status"),
        FieldPanel("decision_note"),
    ]

    def get_queryset(self, request):
        return VenueEditProposal.objects.select_related("venue", "proposer")


register_snippet(VenueEditProposalViewSet)


@hooks.register("before_edit_snippet")
def decided_proposals_are_final(request, instance):
    decided = isinstance(instance, VenueEditProposal) and instance.status != VenueEditProposal.Status.PENDING
    if decided and request.method == "POST":
        messages.error(request, _("This proposal has already been decided."))
        return redirect(reverse("wagtailsnippets_directory_venueeditproposal:list"))


@hooks.register("after_edit_snippet")
def carry_out_proposal_decision(request, instance):
    if not isinstance(instance, VenueEditProposal):
        return
    decision = instance.status
    if decision == VenueEditProposal.Status.PENDING:
        return
    # The edit form has stored the new status; the decision itself (publishing the
    # facts, recording the editor, emailing the owner) starts from "pending".
    VenueEditProposal.objects.filter(pk=instance.pk).update(status=VenueEditProposal.Status.PENDING)
    if decision == VenueEditProposal.Status.APPLIED:
        proposals.apply(instance, request.user)
    else:
        proposals.decide(instance, decision, request.user)


class VenueSpreadsheetMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("directory.import_venuepage") or user.has_perm("directory.export_venuepage")


@hooks.register("register_admin_menu_item")
def venue_spreadsheet_menu_item():
    return VenueSpreadsheetMenuItem(
        _("Import / export venues"), "/django-admin/directory/venuepage/", icon_name="download", order=161
    )
