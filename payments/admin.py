"""Spreadsheet export of the payment records (and import of the price list) in the
Django admin; the work itself happens in the Wagtail admin."""

from django.contrib import admin
from import_export.admin import ExportMixin

from core.import_export import SpreadsheetAdmin

from .models import CreditEntry, Invoice, Order, Product
from .resources import CreditEntryResource, InvoiceResource, OrderResource, ProductResource


class ExportOnlyAdmin(ExportMixin, admin.ModelAdmin):
    export_formats = SpreadsheetAdmin.export_formats

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(SpreadsheetAdmin):
    resource_classes = [ProductResource]
    list_display = ["code", "name_en", "kind", "price", "active"]


@admin.register(Order)
class OrderAdmin(ExportOnlyAdmin):
    resource_classes = [OrderResource]
    list_display = ["reference", "product", "amount", "method", "status", "created_at"]
    list_filter = ["status", "method"]
    list_select_related = ["product"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "buyer")


@admin.register(Invoice)
class InvoiceAdmin(ExportOnlyAdmin):
    resource_classes = [InvoiceResource]
    list_display = ["number", "kind", "buyer_name", "total", "issued_at"]
    list_filter = ["kind", "year"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order")


@admin.register(CreditEntry)
class CreditEntryAdmin(ExportOnlyAdmin):
    resource_classes = [CreditEntryResource]
    list_display = ["created_at", "user", "kind", "credits"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "order")
