"""Enquiries to businesses (R-MSG-2): contact a venue, apply for a job."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from classifieds.models import Kind, Listing
from directory.models import VenuePage
from directory.names import attach_item_titles

from .. import enquiries, limits, queries, services
from ..documents import CONTENT_TYPES
from ..forms import EnquiryForm


def _send(request, form, send, context, template="messaging/enquiry_form.html"):
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                limits.check(request, "burst", "enquiry")
                enquiry = send()
            except limits.LimitReached as reached:
                form.add_error(None, reached.message)
                status = 429
            except services.CannotMessage as reason:
                form.add_error(None, str(reason))
                status = 403
            else:
                messages.success(request, _("Your enquiry is sent. You will find it under “My enquiries”."))
                return redirect(
                    enquiry.thread.get_absolute_url() if enquiry.thread_id else "messaging:enquiries"
                )
    return render(request, template, {"form": form, **context}, status=status)


@verified_email_required
@require_http_methods(["GET", "POST"])
def contact_venue(request, page_id):
    page = get_object_or_404(VenuePage.objects.live(), pk=page_id)
    delivery = enquiries.venue_delivery(page)
    if not delivery.possible:
        messages.info(request, _("This venue does not take enquiries on Longtang yet."))
        return redirect(page.get_url(request) or "/")
    if delivery.owner is not None and delivery.owner.pk == request.user.pk:
        messages.info(request, _("This is your venue: enquiries to it come to your inbox."))
        return redirect(page.get_url(request) or "/")
    form = EnquiryForm(request.POST or None, user=request.user, needs_contact=delivery.by_email)
    return _send(
        request,
        form,
        lambda: enquiries.send_venue_enquiry(delivery, request.user, form),
        {"page": page, "delivery": delivery, "title": _("Contact %(venue)s") % {"venue": page.title}},
    )


@verified_email_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    listing = get_object_or_404(
        Listing.objects.visible().filter(kind=Kind.JOBS).select_related("owner__profile"), pk=pk
    )
    if listing.owner_id == request.user.pk:
        raise Http404
    form = EnquiryForm(request.POST or None, request.FILES or None, user=request.user, with_cv=True)
    return _send(
        request,
        form,
        lambda: enquiries.send_job_application(listing, request.user, form),
        {"listing": listing, "title": _("Apply: %(title)s") % {"title": listing.title}},
    )


@login_required
def enquiry_list(request):
    paginator = Paginator(queries.enquiries_of(request.user), 20)
    page = paginator.get_page(request.GET.get("page"))
    enquiries = attach_item_titles(page.object_list)  # venue names in the reader's language
    return render(request, "messaging/enquiries.html", {"page_obj": page, "enquiries": enquiries})


@login_required
def cv(request, pk):
    """The CV of an application, for the applicant and the employer only."""
    enquiry = get_object_or_404(queries.enquiries_visible_to(request.user).exclude(cv=""), pk=pk)
    response = FileResponse(
        enquiry.cv.open("rb"),
        as_attachment=True,
        filename=f"cv-{enquiry.pk}.{enquiry.cv_format}",
        content_type=CONTENT_TYPES.get(enquiry.cv_format, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
