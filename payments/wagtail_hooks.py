"""Payments in the Wagtail admin, under one "Payments" menu: the price list, orders,
banners, the credit ledger, invoices, provider notifications and the reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import AdBooking, CreditEntry, Invoice, Order, PaymentNotification, Product


class RecordsPolicy(ModelPermissionPolicy):
    """Orders, ledger lines, invoices and notifications are records: they are made by
    the payment flow (or the screens below) and never edited or deleted by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for model in (Order, CreditEntry, Invoice, PaymentNotification, AdBooking):
    register_permission_policy(model, RecordsPolicy(model))


def linked_index(url_name):
    class LinkedIndexView(IndexView):
        def get_edit_url(self, instance):
            return reverse(url_name, args=[instance.pk])

        def get_inspect_url(self, instance):
            return reverse(url_name, args=[instance.pk])

    return LinkedIndexView


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Price list")
    list_display = ["name_en", "kind", "price", "credits", "days", "active"]
    list_filter = ["kind", "active"]


class OrderViewSet(SnippetViewSet):
    model = Order
    icon = "list-ul"
    menu_label = _("Orders")
    index_view_class = linked_index("payments_order_admin")
    list_display = ["reference", "product", "amount", "method", "status", "created_at"]
    list_filter = ["status", "method", "product__kind"]
    search_fields = ["reference", "provider_reference", "invoice_name"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Order.objects.select_related("product")


class AdBookingViewSet(SnippetViewSet):
    model = AdBooking
    icon = "image"
    menu_label = _("Banners")
    index_view_class = linked_index("payments_ad_review")
    list_display = ["__str__", "position", "starts_on", "status"]
    list_filter = ["status", "position"]
    ordering = ["starts_on"]

    def get_queryset(self, request):
        return AdBooking.objects.select_related("order")


class CreditEntryViewSet(SnippetViewSet):
    model = CreditEntry
    icon = "doc-full"
    menu_label = _("Credit ledger")
    list_display = ["user", "kind", "credits", "order", "reason", "created_at"]
    list_filter = ["kind"]
    ordering = ["-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return CreditEntry.objects.select_related("user", "order")


class InvoiceViewSet(SnippetViewSet):
    model = Invoice
    icon = "doc-full-inverse"
    menu_label = _("Invoices")
    list_display = ["number", "kind", "buyer_name", "total", "issued_at"]
    list_filter = ["kind", "year"]
    search_fields = ["number", "buyer_name"]
    inspect_view_enabled = True


class NotificationViewSet(SnippetViewSet):
    model = PaymentNotification
    icon = "warning"
    menu_label = _("Provider notifications")
    list_display = ["__str__", "method", "order", "amount", "signature_valid", "outcome", "received_at"]
    list_filter = ["method", "outcome", "signature_valid"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return PaymentNotification.objects.select_related("order")


class PaymentsGroup(SnippetViewSetGroup):
    menu_label = _("Payments")
    menu_icon = "tag"
    menu_order = 160
    items = (
        OrderViewSet,
        ProductViewSet,
        AdBookingViewSet,
        CreditEntryViewSet,
        InvoiceViewSet,
        NotificationViewSet,
    )

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Reconciliation"),
                reverse("payments_reconciliation"),
                "payments.view_order",
                icon_name="tasks",
            ),
            PermissionMenuItem(
                _("Revenue by month"), reverse("payments_revenue"), "payments.view_invoice", icon_name="table"
            ),
            PermissionMenuItem(
                _("Adjust job credits"),
                reverse("payments_ledger_adjust"),
                "payments.add_creditentry",
                icon_name="plus",
            ),
        ]


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


register_snippet(PaymentsGroup)


@hooks.register("register_admin_urls")
def payments_admin_urls():
    return [
        path("payments/orders/<int:pk>/", admin_views.order_admin, name="payments_order_admin"),
        path(
            "payments/orders/<int:pk>/mark-paid/",
            admin_views.order_mark_paid,
            name="payments_order_mark_paid",
        ),
        path("payments/orders/<int:pk>/refund/", admin_views.order_refund, name="payments_order_refund"),
        path("payments/banners/<int:pk>/", admin_views.ad_review, name="payments_ad_review"),
        path("payments/ledger/adjust/", admin_views.ledger_adjust, name="payments_ledger_adjust"),
        path("payments/reconciliation/", admin_views.reconciliation, name="payments_reconciliation"),
        path("payments/revenue/", admin_views.revenue, name="payments_revenue"),
    ]
