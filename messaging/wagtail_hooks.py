"""Message safety in the Wagtail admin: reported and held messages, and the log of
every time staff opened a reported conversation.

There is no admin screen for threads or messages: staff read a private conversation
only by opening a report about one of its messages, and each opening is logged.
"""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from . import moderation
from .models import Message, MessageReport, ThreadAccessLog


class ReviewOnlyPolicy(ModelPermissionPolicy):
    """Reports come from members; staff review them and never create or delete them."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(MessageReport, ReviewOnlyPolicy(MessageReport))
register_permission_policy(ThreadAccessLog, ReadOnlyPolicy(ThreadAccessLog))


class ReviewColumn(Column):
    cell_template_name = "messaging/admin/review_cell.html"

    def get_value(self, instance):
        return reverse("messaging_review_report", args=[instance.pk])


class ReportIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("messaging_review_report", args=[instance.pk])


class MessageReportViewSet(SnippetViewSet):
    model = MessageReport
    icon = "warning"
    menu_label = _("Message reports")
    index_view_class = ReportIndexView
    list_display = [
        "__str__",
        "reporter",
        "created_at",
        "action",
        "resolved_at",
        ReviewColumn("review", label=_("Review")),
    ]
    list_filter = ["reason", "action"]
    ordering = ["-resolved_at", "-created_at"]

    def get_queryset(self, request):
        return MessageReport.objects.select_related("reporter", "message")

    @property
    def edit_view(self):
        # Reports are worked from the review screen, which logs every opening.
        return lambda request, pk: redirect("messaging_review_report", pk=pk)


class ThreadAccessLogViewSet(SnippetViewSet):
    model = ThreadAccessLog
    icon = "view"
    menu_label = _("Reported conversations opened")
    list_display = ["__str__", "staff", "report", "accessed_at"]
    ordering = ["-accessed_at"]

    def get_queryset(self, request):
        return ThreadAccessLog.objects.select_related("staff", "report")


class MessageSafetyGroup(SnippetViewSetGroup):
    menu_label = _("Message safety")
    menu_icon = "warning"
    menu_order = 152
    items = (MessageReportViewSet, ThreadAccessLogViewSet)


register_snippet(MessageSafetyGroup)


@permission_required("messaging.change_messagereport", login_url="wagtailadmin_login")
def review_report(request, pk):
    """A report with its conversation. Opening it is logged (ThreadAccessLog)."""
    report = get_object_or_404(
        MessageReport.objects.select_related("message__sender__profile", "message__thread", "reporter"), pk=pk
    )
    if request.method == "POST":
        try:
            moderation.act(
                report, request.POST.get("action", ""), request.user, request.POST.get("note", "")[:1000]
            )
        except moderation.ActionRefused as reason:
            messages.error(request, str(reason))
        else:
            messages.success(
                request,
                _("Done: %(action)s.") % {"action": MessageReport.Action(request.POST["action"]).label},
            )
        return redirect("messaging_review_report", pk=report.pk)
    thread = moderation.open_reported_thread(report, request.user)
    return TemplateResponse(
        request,
        "messaging/admin/review.html",
        {
            "report": report,
            "thread": thread,
            "thread_messages": Message.objects.filter(thread=thread)
            .select_related("sender__profile")
            .order_by("created_at", "pk"),
            "members": [m.user for m in thread.members.select_related("user__profile")],
            "other_reports": MessageReport.objects.filter(message__thread=thread)
            .exclude(pk=report.pk)
            .select_related("reporter"),
            "actions": MessageReport.Action,
            "header_title": _("Review a message report"),
        },
    )


@hooks.register("register_admin_urls")
def messaging_admin_urls():
    return [path("messaging/reports/<int:pk>/", review_report, name="messaging_review_report")]
