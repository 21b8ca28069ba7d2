"""One-click answers to a member's privacy request, from the ticket's admin screen.

Access: the member gets the same archive as "Download my data" (built in the
background, the link emailed to them) — staff never see its contents.
Deletion: the account is closed and erased exactly as "Delete my account" does.
Each action is written on the ticket as an internal note.
"""

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from accounts.language import language_of
from accounts.views import deactivate_and_scrub
from privacy.models import ExportRequest
from privacy.tasks import build_export

from . import services
from .models import Category, PrivacyRequestType, Status, Ticket


def _privacy_ticket(pk, kind):
    return get_object_or_404(
        Ticket.objects.select_related("requester__profile").filter(
            category=Category.PRIVACY, privacy_type=kind, requester__isnull=False, requester__is_active=True
        ),
        pk=pk,
    )


def _note_and_resolve(ticket, staff, text):
    services.staff_update(ticket, staff, note=text, status=Status.RESOLVED, assignee=ticket.assignee)


@permission_required("support.change_ticket", login_url="wagtailadmin_login")
@require_POST
def send_data_copy(request, pk):
    ticket = _privacy_ticket(pk, PrivacyRequestType.ACCESS)
    member = ticket.requester
    language = language_of(member)
    with transaction.atomic():
        export = ExportRequest.objects.create(user=member, language=language)
        _note_and_resolve(
            ticket, request.user, _("A copy of the member's data is being prepared and emailed to them.")
        )
        base_url = request.build_absolute_uri("/")
        transaction.on_commit(lambda: build_export.delay(export.pk, base_url))
    messages.success(request, _("The member will receive a download link by email."))
    return redirect("support_ticket", pk=ticket.pk)


@permission_required("support.change_ticket", login_url="wagtailadmin_login")
def erase_member(request, pk):
    """Confirm, by typing the username, before closing and erasing the account."""
    ticket = _privacy_ticket(pk, PrivacyRequestType.DELETION)
    member = ticket.requester
    error = ""
    if member.is_staff or member.is_superuser:
        messages.error(request, _("Staff accounts are not erased from here."))
        return redirect("support_ticket", pk=ticket.pk)
    if request.method == "POST":
        if request.POST.get("confirm_username", "").strip() != member.get_username():
            error = _("Type the member's username exactly to confirm.")
        else:
            with transaction.atomic():
                _note_and_resolve(
                    ticket, request.user, _("The member's account was closed and their data erased.")
                )
                deactivate_and_scrub(member)
            messages.success(request, _("The account is closed and its personal data is being erased."))
            return redirect("support_ticket", pk=ticket.pk)
    return TemplateResponse(
        request,
        "support/admin/erase_confirm.html",
        {"ticket": ticket, "member": member, "error": error, "header_title": _("Erase a member's data")},
        status=400 if error else 200,
    )
