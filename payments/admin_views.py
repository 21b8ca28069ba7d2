"""Staff screens in the Wagtail admin: one order (mark a bank transfer paid, refund),
banner review, ledger adjustments, reconciliation and revenue."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from . import banners, ledger, orders, reports
from .models import AdBooking, AdStatus, CreditEntry, Order, OrderStatus, PaymentMethod


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I checked this"))


class AdjustmentForm(forms.Form):
    username = forms.CharField(label=_("Member's username"), max_length=150)
    credits = forms.IntegerField(
        label=_("Credits"), min_value=-1000, max_value=1000, help_text=_("Negative to take credits away.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def clean_credits(self):
        if self.cleaned_data["credits"] == 0:
            raise forms.ValidationError(_("An adjustment changes the balance."))
        return self.cleaned_data["credits"]

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("There is no member with this username."))
        return user


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note to the advertiser"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Tell the advertiser why."))
        return data


@permission_required("payments.view_order", login_url="wagtailadmin_login")
def order_admin(request, pk):
    order = get_object_or_404(
        Order.objects.select_related("product", "buyer", "listing", "marked_paid_by"), pk=pk
    )
    return TemplateResponse(
        request,
        "payments/admin/order.html",
        {
            "order": order,
            "notifications": order.notifications.all()[:50],
            "entries": CreditEntry.objects.filter(order=order),
            "invoices": order.invoices.all(),
            "booking": AdBooking.objects.filter(order=order).first(),
            "can_mark_paid": order.method == PaymentMethod.BANK
            and order.status in (OrderStatus.PENDING, OrderStatus.EXPIRED, OrderStatus.CANCELLED)
            and request.user.has_perm("payments.change_order"),
            "can_refund": order.status in orders.PAID_STATES
            and request.user.has_perm("payments.change_order"),
            "confirm_form": ConfirmForm(),
        },
    )


@permission_required("payments.change_order", login_url="wagtailadmin_login")
@require_POST
def order_mark_paid(request, pk):
    """A bank transfer found on the statement: the order is paid and fulfilled."""
    order = get_object_or_404(Order, pk=pk, method=PaymentMethod.BANK)
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm you found the transfer on the statement."))
    elif orders.mark_paid(order, by=request.user):
        messages.success(
            request, _("Order %(reference)s is paid and fulfilled.") % {"reference": order.reference}
        )
    else:
        messages.warning(request, _("This order was already paid."))
    return redirect("payments_order_admin", pk=order.pk)


@permission_required("payments.change_order", login_url="wagtailadmin_login")
@require_POST
def order_refund(request, pk):
    order = get_object_or_404(Order, pk=pk)
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm the money was given back."))
        return redirect("payments_order_admin", pk=order.pk)
    try:
        note = orders.refund(order, by=request.user)
    except orders.OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Order %(reference)s is refunded; credit note %(note)s issued.")
            % {"reference": order.reference, "note": note or "—"},
        )
    return redirect("payments_order_admin", pk=order.pk)


@permission_required("payments.change_adbooking", login_url="wagtailadmin_login")
def ad_review(request, pk):
    booking = get_object_or_404(AdBooking.objects.select_related("order__buyer"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if booking.status != AdStatus.IN_REVIEW:
            messages.error(request, _("Only paid banners waiting for approval can be reviewed."))
        elif form.is_valid():
            booking.status = (
                AdStatus.APPROVED if form.cleaned_data["decision"] == "approve" else AdStatus.REJECTED
            )
            booking.review_note = form.cleaned_data["note"]
            booking.reviewed_by = request.user
            booking.reviewed_at = timezone.now()
            booking.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
            banners.forget(booking)
            messages.success(request, _("Banner %(status)s.") % {"status": booking.get_status_display()})
            return redirect("payments_ad_review", pk=booking.pk)
    return TemplateResponse(request, "payments/admin/ad_review.html", {"booking": booking, "form": form})


@permission_required("payments.add_creditentry", login_url="wagtailadmin_login")
def ledger_adjust(request):
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ledger.adjust(data["username"], data["credits"], data["reason"], request.user)
        messages.success(
            request,
            _("%(username)s now has %(balance)s job credits.")
            % {"username": data["username"].get_username(), "balance": ledger.balance(data["username"])},
        )
        return redirect("payments_ledger_adjust")
    return TemplateResponse(request, "payments/admin/adjust.html", {"form": form})


@permission_required("payments.view_order", login_url="wagtailadmin_login")
def reconciliation(request):
    return TemplateResponse(
        request,
        "payments/admin/reconciliation.html",
        {
            "mismatches": reports.reconciliation(),
            "unmatched": reports.unmatched_notifications(),
            "bank_transfers": reports.pending_bank_transfers(),
        },
    )


@permission_required("payments.view_invoice", login_url="wagtailadmin_login")
def revenue(request):
    return TemplateResponse(request, "payments/admin/revenue.html", {"rows": reports.revenue_by_month()})
