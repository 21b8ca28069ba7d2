"""What members see: the price list, checkout, their orders, credits and invoices."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow

from . import invoices, ledger, orders
from .banners import POSITION_TAKEN, position_taken
from .forms import CancelForm, CheckoutForm
from .models import AdBooking, CreditEntry, Invoice, Order, OrderStatus, Product, ProductKind
from .providers import available_methods, get_provider
from .providers.base import ProviderError
from .tasks import query_order

PER_PAGE = 20


def catalogue(request):
    products = list(Product.objects.filter(active=True))
    groups = [
        (kind, label, [p for p in products if p.kind == kind])
        for kind, label in ProductKind.choices
        if any(p.kind == kind for p in products)
    ]
    balance = ledger.balance(request.user) if request.user.is_authenticated else None
    return render(request, "payments/catalogue.html", {"groups": groups, "balance": balance})


@verified_email_required
def checkout(request, code):
    product = get_object_or_404(Product, code=code, active=True)
    if not available_methods():
        messages.error(request, _("Payments are not available right now. Please try again later."))
        return redirect("payments:catalogue")
    profile = getattr(request.user, "profile", None)
    initial = {"invoice_name": (profile.display_name if profile else "") or request.user.get_full_name()}
    form = CheckoutForm(
        request.POST or None, request.FILES or None, product=product, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if not allow(f"payments-checkout:{request.user.pk}", limit=20, period=3600):
            messages.error(
                request, _("You have started many orders in the last hour. Please try again later.")
            )
            return render(request, "payments/checkout.html", {"form": form, "product": product}, status=429)
        data = form.cleaned_data
        with transaction.atomic():
            if product.kind == ProductKind.AD_SLOT:
                # Bookings of one banner product queue here, so two buyers cannot
                # both take the same days.
                Product.objects.select_for_update().get(pk=product.pk)
                if position_taken(product.ad_position, data["starts_on"], data["ends_on"]):
                    form.add_error("starts_on", POSITION_TAKEN)
                    return render(request, "payments/checkout.html", {"form": form, "product": product})
            order = orders.create_order(
                request.user,
                product,
                data["method"],
                invoice_name=data["invoice_name"],
                invoice_tax_id=data["invoice_tax_id"],
                listing=data.get("listing"),
            )
            if product.kind == ProductKind.AD_SLOT:
                AdBooking.objects.create(
                    order=order,
                    position=product.ad_position,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    image=data["image"],
                    link_url=data["link_url"],
                    alt_text=data["alt_text"],
                )
        return redirect(order)
    return render(request, "payments/checkout.html", {"form": form, "product": product})


def own_order(request, number):
    # Ownership is part of the query: another member's order is simply not found.
    return get_object_or_404(
        Order.objects.owned_by(request.user).select_related("product", "listing"), number=number
    )


@login_required
def order_detail(request, number):
    order = own_order(request, number)
    checkout, checkout_html = None, ""
    if order.is_open:
        try:
            checkout = get_provider(order.method).start(order, request)
            if checkout.template:
                checkout_html = render_to_string(
                    checkout.template, {**checkout.context, "order": order}, request=request
                )
        except ProviderError:
            messages.error(
                request, _("We could not reach the payment provider. Please reload this page in a minute.")
            )
    invoices_of_order = list(order.invoices.order_by("issued_at"))
    return render(
        request,
        "payments/order.html",
        {
            "order": order,
            "checkout": checkout,
            "checkout_html": checkout_html,
            "invoices": invoices_of_order,
            "booking": AdBooking.objects.filter(order=order).first(),
            "cancel_form": CancelForm(),
        },
    )


@login_required
def order_return(request, number):
    """Where the provider sends the buyer back. It proves nothing: the order is asked
    about from the provider, and only its answer or its signed notification counts."""
    order = own_order(request, number)
    if order.status == OrderStatus.PENDING:
        # Queued once the request's writes are committed, like every task.
        transaction.on_commit(lambda: query_order.delay(order.pk))
        messages.info(request, _("Thank you! We are confirming your payment with the provider."))
    return redirect(order)


@login_required
@require_POST
def order_cancel(request, number):
    order = own_order(request, number)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you want to cancel the order."))
        return redirect(order)
    try:
        orders.cancel(order)
    except orders.OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your order is cancelled."))
    return redirect(order)


@login_required
def order_list(request):
    page = Paginator(Order.objects.owned_by(request.user).select_related("product"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "payments/orders.html", {"page_obj": page, "orders": page.object_list})


@login_required
def credits(request):
    page = Paginator(
        CreditEntry.objects.filter(user=request.user).select_related("listing", "order"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "payments/credits.html",
        {"page_obj": page, "entries": page.object_list, "balance": ledger.balance(request.user)},
    )


def visible_invoice(request, number):
    """The buyer's own invoice; staff who may view invoices see any."""
    if not request.user.is_authenticated:
        raise Http404
    queryset = Invoice.objects.select_related("order__product", "corrects")
    if not request.user.has_perm("payments.view_invoice"):
        queryset = queryset.filter(Q(buyer=request.user))
    return get_object_or_404(queryset, number=number)


@login_required
def invoice_detail(request, number):
    invoice = visible_invoice(request, number)
    return render(request, "payments/invoice.html", {"invoice": invoice})


@login_required
def invoice_pdf(request, number):
    invoice = visible_invoice(request, number)
    html = render_to_string("payments/invoice_document.html", {"invoice": invoice}, request=request)
    response = HttpResponse(invoices.render_pdf(invoice, html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response
