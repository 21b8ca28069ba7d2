"""Submissions in the Wagtail admin: who sent which event in, their note, its state.

Editors decide in the page's moderation workflow ("Awaiting your review"); this
list is for looking things up, so it has no add or edit form."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventPage, EventSubmission


class LookUpOnlyPolicy(ModelPermissionPolicy):
    """Members make submissions and editors decide them in the workflow: the admin
    only looks them up (or deletes one), never adds or edits one."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(EventSubmission, LookUpOnlyPolicy(EventSubmission))


class EventSubmissionViewSet(SnippetViewSet):
    model = EventSubmission
    icon = "date"
    menu_label = _("Event submissions")
    menu_order = 157
    add_to_admin_menu = True
    list_display = ["page", "submitter", "status", Column("created_at", label=_("Sent")), "decided_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = ["page", "submitter", "status", "note", "decision_note", "created_at", "decided_at"]

    def get_queryset(self, request):
        return EventSubmission.objects.select_related("page", "submitter")


register_snippet(EventSubmissionViewSet)


@hooks.register("page_cache_purge_paths")
def venue_showing_the_event(page):
    """A venue page lists its upcoming events: an event's change purges its venue."""
    from core.page_purge import page_path

    if not isinstance(page, EventPage) or not page.venue_id:
        return ()
    venue = page.venue
    return {page_path(v) for v in venue.get_translations(inclusive=True)} - {None}
