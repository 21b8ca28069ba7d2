"""Newsletters in the Wagtail admin: lists, campaigns (write, preview, send a test
to yourself, schedule) and each campaign's sending report."""

import datetime

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models_mail import SuppressedAddress
from core.ratelimit import allow

from . import sending
from .models import Campaign, NewsletterList
from .tasks import start_campaign


class NewsletterListViewSet(SnippetViewSet):
    model = NewsletterList
    icon = "list-ul"
    menu_label = _("Lists")
    list_display = ["name_en", "name_zh", "promotional", "mailchimp_audience_id"]
    ordering = ["sort_order", "pk"]


class ReportColumn(Column):
    cell_template_name = "newsletters/admin/report_cell.html"

    def get_value(self, instance):
        return reverse("newsletters_campaign_send", args=[instance.pk])


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "mail"
    menu_label = _("Campaigns")
    list_display = [
        "title",
        "newsletter_list",
        "status",
        "scheduled_at",
        ReportColumn("send", label=_("Send")),
    ]
    list_filter = ["status", "newsletter_list"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Campaign.objects.select_related("newsletter_list")


class SuppressedAddressViewSet(SnippetViewSet):
    """Addresses that get no optional email; support deletes a row when its owner
    fixed the problem and asks for email again."""

    model = SuppressedAddress
    icon = "warning"
    menu_label = _("Suppressed addresses")
    list_display = ["email", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]
    ordering = ["-created_at"]
    inspect_view_enabled = True


class NewslettersGroup(SnippetViewSetGroup):
    menu_label = _("Newsletters")
    menu_icon = "mail"
    menu_order = 160
    items = (CampaignViewSet, NewsletterListViewSet, SuppressedAddressViewSet)


register_snippet(NewslettersGroup)


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"), required=False, widget=AdminDateTimeInput, help_text=_("Empty: send now.")
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value and value < timezone.now() - datetime.timedelta(minutes=1):
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


@permission_required("newsletters.change_campaign", login_url="wagtailadmin_login")
def campaign_send(request, pk):
    """Send a test to yourself, schedule, cancel a schedule, and the report."""
    campaign = get_object_or_404(Campaign.objects.select_related("newsletter_list"), pk=pk)
    form = ScheduleForm(request.POST if request.POST.get("action") == "schedule" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, _("Your account has no email address."))
            elif not allow(f"newsletters-test:{request.user.pk}", limit=20, period=3600):
                messages.error(request, _("Too many tests in an hour. Please wait a little."))
            else:
                sending.send_test(campaign, request.user)
                messages.success(
                    request,
                    _("A test in both languages is on its way to %(email)s.") % {"email": request.user.email},
                )
            return redirect("newsletters_campaign_send", pk=campaign.pk)
        if action == "schedule" and form.is_valid():
            with transaction.atomic():
                updated = Campaign.objects.filter(
                    pk=campaign.pk, status__in=[Campaign.Status.DRAFT, Campaign.Status.SCHEDULED]
                ).update(
                    status=Campaign.Status.SCHEDULED,
                    scheduled_at=form.cleaned_data["send_at"] or timezone.now(),
                )
                if updated and not form.cleaned_data["send_at"]:
                    transaction.on_commit(lambda: start_campaign.delay(campaign.pk))
            if updated:
                messages.success(request, _("The campaign is scheduled."))
            else:
                messages.error(request, _("This campaign is already being sent."))
            return redirect("newsletters_campaign_send", pk=campaign.pk)
        if action == "cancel":
            Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SCHEDULED).update(
                status=Campaign.Status.DRAFT, scheduled_at=None
            )
            messages.success(request, _("The schedule is cancelled."))
            return redirect("newsletters_campaign_send", pk=campaign.pk)
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "campaign": campaign,
            "form": form,
            "report": sending.report(campaign),
            "can_schedule": campaign.status in (Campaign.Status.DRAFT, Campaign.Status.SCHEDULED),
            "header_title": _("Send campaign"),
        },
    )


@hooks.register("register_admin_urls")
def newsletter_urls():
    return [path("newsletters/campaign/<int:pk>/send/", campaign_send, name="newsletters_campaign_send")]
