"""Block and report (R-MSG-1)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import limits, services
from ..forms import ReportForm
from ..models import Block, Message, MessageReport


def other_user(request, username):
    user = get_object_or_404(get_user_model().objects.select_related("profile"), username=username)
    if user.pk == request.user.pk:
        from django.http import Http404

        raise Http404
    return user


@login_required
@require_POST
def block(request, username):
    blocked = other_user(request, username)
    services.block(request.user, blocked)
    messages.success(
        request,
        _(
            "You blocked %(name)s. Neither of you can send the other messages, and your "
            "conversations are hidden from both inboxes."
        )
        % {"name": blocked.profile.public_name},
    )
    return redirect("messaging:blocked")


@login_required
@require_POST
def unblock(request, username):
    blocked = other_user(request, username)
    services.unblock(request.user, blocked)
    messages.success(request, _("You unblocked %(name)s.") % {"name": blocked.profile.public_name})
    return redirect("messaging:blocked")


@login_required
def blocked_list(request):
    blocks = (
        Block.objects.filter(blocker=request.user).select_related("blocked__profile").order_by("-created_at")
    )
    return render(request, "messaging/blocked.html", {"blocks": blocks})


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """Report a message someone else sent in one of the member's own threads."""
    message = get_object_or_404(
        Message.objects.filter(thread__members__user=request.user, status=Message.Status.VISIBLE)
        .exclude(sender=request.user)
        .select_related("sender__profile", "thread"),
        pk=pk,
    )
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            limits.check(request, "report")
            with transaction.atomic():
                MessageReport.objects.create(
                    message=message,
                    reporter=request.user,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
        except limits.LimitReached as reached:
            form.add_error(None, reached.message)
            status = 429
        except IntegrityError:
            messages.info(request, _("You have already reported this message. Thank you."))
            return redirect(message.thread.get_absolute_url())
        else:
            if form.cleaned_data["block"]:
                services.block(request.user, message.sender)
                messages.success(
                    request,
                    _("Thank you. A moderator will look at this message, and you blocked the sender."),
                )
                return redirect("messaging:inbox")
            messages.success(request, _("Thank you. A moderator will look at this message."))
            return redirect(message.thread.get_absolute_url())
    elif request.method == "POST":
        status = 400
    return render(request, "messaging/report.html", {"form": form, "message": message}, status=status)
