"""The contact form (public) and members' own tickets (R-COMM-4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import queries, services
from .forms import ContactForm, ReplyForm, TicketForm
from .models import Ticket


def _name_of(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "public_name", "") or user.get_full_name() or user.get_username()


@require_http_methods(["GET", "POST"])
def contact(request):
    status = 200
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": _name_of(request.user), "email": request.user.email}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("website"):
            # A robot filled the hidden field: look as if it worked, keep nothing.
            return redirect("support:contact_sent")
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.check_contact_limit(request, data["email"])
            except services.LimitReached as reached:
                form.add_error(None, str(reached))
                status = 429
            else:
                services.open_ticket(
                    data=data,
                    user=request.user,
                    name=data["name"],
                    email=data["email"],
                    from_contact_form=True,
                )
                return redirect("support:contact_sent")
    return render(request, "support/contact.html", {"form": form}, status=status)


def contact_sent(request):
    return render(request, "support/contact_sent.html")


@login_required
def ticket_list(request):
    paginator = Paginator(queries.tickets_of(request.user), 20)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "support/tickets.html", {"page_obj": page, "tickets": page.object_list})


@login_required
@require_http_methods(["GET", "POST"])
def ticket_new(request):
    form = TicketForm(request.POST or None, initial={"category": request.GET.get("category", "")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.check_member_limit(request, "ticket")
            except services.LimitReached as reached:
                form.add_error(None, str(reached))
                status = 429
            else:
                ticket = services.open_ticket(
                    data=form.cleaned_data,
                    user=request.user,
                    name=_name_of(request.user),
                    email=request.user.email,
                )
                messages.success(request, _("Your request is sent. We will answer here and by email."))
                return redirect(ticket)
    return render(request, "support/ticket_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ticket_detail(request, pk):
    ticket = get_object_or_404(Ticket.objects.owned_by(request.user), pk=pk)
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.check_member_limit(request, "reply")
            except services.LimitReached as reached:
                form.add_error(None, str(reached))
                status = 429
            else:
                services.member_reply(ticket, request.user, form.cleaned_data["body"])
                messages.success(request, _("Your reply is sent."))
                return redirect(ticket)
    return render(
        request,
        "support/ticket.html",
        {"ticket": ticket, "ticket_messages": queries.visible_messages(ticket), "form": form},
        status=status,
    )
