from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from classifieds.models import Kind, Listing
from directory.names import attach_item_titles

from .. import limits, queries, services
from ..forms import MessageForm
from ..models import Block, Thread

PER_PAGE = 20


def _inbox(request, archived):
    paginator = Paginator(queries.inbox(request.user, archived=archived), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "messaging/inbox.html",
        {"page_obj": page, "memberships": page.object_list, "archived": archived},
    )


@login_required
def inbox(request):
    return _inbox(request, archived=False)


@login_required
def archived(request):
    return _inbox(request, archived=True)


def own_membership(request, pk):
    """The member's own place in thread ``pk``: anyone else's thread is not found."""
    return get_object_or_404(
        queries.memberships(request.user).select_related("thread__listing", "thread__venue"), thread_id=pk
    )


def thread_context(request, member, form):
    thread = member.thread
    other = services.other_member(thread, request.user)
    blocks = set(
        Block.objects.filter(
            blocker__in=[request.user, other], blocked__in=[request.user, other]
        ).values_list("blocker_id", flat=True)
    )
    can_write = other is not None and other.is_active and not blocks
    return {
        "thread": thread,
        "member": member,
        "other": other,
        "thread_messages": queries.thread_messages(thread, request.user),
        "enquiries": attach_item_titles(thread.enquiries.select_related("venue").order_by("created_at")),
        "i_blocked": request.user.pk in blocks,
        "they_blocked": other is not None and other.pk in blocks,
        "can_write": can_write,
        "form": form,
    }


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, pk):
    member = own_membership(request, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            limits.check(request, "burst", "message")
            with transaction.atomic():
                message = services.send_message(member.thread, request.user, form.cleaned_data["body"])
        except limits.LimitReached as reached:
            form.add_error(None, reached.message)
            status = 429
        except services.CannotMessage as reason:
            messages.error(request, str(reason))
            status = 403
        else:
            if message.status == message.Status.HELD:
                messages.info(request, _("Your message is waiting for a moderator before it is delivered."))
            return redirect(f"{member.thread.get_absolute_url()}#latest")
    elif request.method == "POST":
        status = 400
    services.mark_read(member)
    return render(request, "messaging/thread.html", thread_context(request, member, form), status=status)


@login_required
@require_POST
def toggle_archive(request, pk):
    member = own_membership(request, pk)
    member.archived_at = None if member.archived_at else timezone.now()
    member.save(update_fields=["archived_at"])
    if member.archived_at:
        messages.success(request, _("The conversation is archived. A new message brings it back."))
        return redirect("messaging:inbox")
    messages.success(request, _("The conversation is back in your inbox."))
    return redirect(member.thread.get_absolute_url())


@login_required
@require_POST
def toggle_mute(request, pk):
    member = own_membership(request, pk)
    member.muted = not member.muted
    member.save(update_fields=["muted"])
    if member.muted:
        messages.success(request, _("You will get no emails about this conversation."))
    else:
        messages.success(request, _("You will get emails about new messages in this conversation again."))
    return redirect(member.thread.get_absolute_url())


def _start(request, key, recipient, about, template_context):
    """Show the first-message form, or go to the thread these two already have."""
    existing = Thread.objects.filter(key=key, members__user=request.user).first()
    if existing is not None:
        return redirect(existing.get_absolute_url())
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.check_can_write(request.user, recipient)
            limits.check(request, "burst", "thread", "message")
            with transaction.atomic():
                thread, _created = services.get_or_create_thread(key, request.user, recipient, **about)
                message = services.send_message(thread, request.user, form.cleaned_data["body"])
        except limits.LimitReached as reached:
            form.add_error(None, reached.message)
            status = 429
        except services.CannotMessage as reason:
            form.add_error(None, str(reason))
            status = 403
        else:
            if message.status == message.Status.HELD:
                messages.info(request, _("Your message is waiting for a moderator before it is delivered."))
            else:
                messages.success(request, _("Your message is sent."))
            return redirect(thread.get_absolute_url())
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "messaging/start.html",
        {"form": form, "recipient": recipient, **template_context},
        status=status,
    )


@verified_email_required
@require_http_methods(["GET", "POST"])
def message_poster(request, pk):
    """ "Message the poster" on a classified listing (jobs use "Apply")."""
    listing = get_object_or_404(
        Listing.objects.visible_to(request.user).exclude(kind=Kind.JOBS).select_related("owner__profile"),
        pk=pk,
    )
    if listing.owner_id == request.user.pk:
        raise Http404
    return _start(
        request,
        services.listing_key(listing, request.user),
        listing.owner,
        {"listing": listing},
        {"listing": listing},
    )


@verified_email_required
@require_http_methods(["GET", "POST"])
def direct(request, username):
    recipient = get_object_or_404(
        get_user_model().objects.filter(is_active=True).select_related("profile"), username=username
    )
    if recipient.pk == request.user.pk:
        raise Http404
    return _start(request, services.direct_key(request.user, recipient), recipient, {}, {})
