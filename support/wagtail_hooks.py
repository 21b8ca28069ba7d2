"""Support in the Wagtail admin: the ticket list (with an "Overdue" filter for
privacy requests), one screen per ticket to reply, note, assign and change the
status, and a count of overdue privacy requests on the admin home page."""

import django_filters
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import privacy_actions, services
from .forms import StaffTicketForm
from .models import Ticket, TicketMessage


class WorkOnlyPolicy(ModelPermissionPolicy):
    """Tickets come from people; staff work on them and never create them here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Ticket, WorkOnlyPolicy(Ticket))


class TicketFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Ticket
        fields = ["status", "category", "privacy_type", "assignee"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Ticket.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class DueColumn(Column):
    cell_template_name = "support/admin/due_cell.html"

    def get_value(self, instance):
        return instance


class TicketIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("support_ticket", args=[instance.pk])


class TicketViewSet(SnippetViewSet):
    model = Ticket
    icon = "help"
    menu_label = _("Support tickets")
    menu_order = 153
    add_to_admin_menu = True
    index_view_class = TicketIndexView
    filterset_class = TicketFilterSet
    list_display = [
        "__str__",
        "name",
        "category",
        "status",
        "assignee",
        DueColumn("due_at", label=_("Due by")),
        "updated_at",
    ]
    ordering = ["-updated_at"]

    def get_queryset(self, request):
        return Ticket.objects.select_related("assignee")

    @property
    def edit_view(self):
        return lambda request, pk: redirect("support_ticket", pk=pk)


register_snippet(TicketViewSet)


@permission_required("support.change_ticket", login_url="wagtailadmin_login")
def ticket_admin(request, pk):
    ticket = get_object_or_404(Ticket.objects.select_related("requester", "assignee"), pk=pk)
    form = StaffTicketForm(
        request.POST or None, initial={"status": ticket.status, "assignee": ticket.assignee_id}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.staff_update(
                ticket,
                request.user,
                reply=data["reply"],
                note=data["note"],
                status=data["status"],
                assignee=data["assignee"],
            )
            messages.success(request, _("Ticket #%(pk)s updated.") % {"pk": ticket.pk})
            return redirect("support_ticket", pk=ticket.pk)
        status = 400
        messages.error(request, _("The ticket could not be updated: see the errors below."))
    return TemplateResponse(
        request,
        "support/admin/ticket.html",
        {
            "ticket": ticket,
            "form": form,
            "ticket_messages": TicketMessage.objects.filter(ticket=ticket).select_related("author"),
            "history": ticket.status_changes.select_related("changed_by"),
            "header_title": _("Support ticket"),
        },
        status=status,
    )


@hooks.register("register_admin_urls")
def support_admin_urls():
    return [
        path("support/tickets/<int:pk>/", ticket_admin, name="support_ticket"),
        path("support/tickets/<int:pk>/send-data/", privacy_actions.send_data_copy, name="support_send_data"),
        path("support/tickets/<int:pk>/erase/", privacy_actions.erase_member, name="support_erase_member"),
    ]


class OverduePrivacyRequests(SummaryItem):
    order = 250
    template_name = "support/admin/summary_overdue.html"

    def get_context_data(self, parent_context):
        index = reverse("wagtailsnippets_support_ticket:list")
        return {
            "overdue": Ticket.objects.overdue().count(),
            "url": f"{index}?overdue=true",
        }

    def is_shown(self):
        return self.request.user.has_perm("support.change_ticket")


@hooks.register("construct_homepage_summary_items")
def overdue_privacy_requests(request, items):
    items.append(OverduePrivacyRequests(request))
