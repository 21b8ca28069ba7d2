from django.contrib.auth import get_user_model
from import_export import fields

from core.import_export import LookupWidget, SafeExportResource

from .models import CreditEntry, Invoice, Order, Product


class ProductResource(SafeExportResource):
    class Meta:
        model = Product
        clean_model_instances = True
        import_id_fields = ("code",)
        skip_unchanged = True
        report_skipped = True
        fields = (
            "code", "kind", "name_en", "name_zh", "description_en", "description_zh",
            "price", "credits", "days", "ad_position", "active", "sort_order",
        )  # fmt: skip


class OrderResource(SafeExportResource):
    product = fields.Field(attribute="product", column_name="product", widget=LookupWidget(Product, "code"))
    buyer = fields.Field(
        attribute="buyer", column_name="buyer", widget=LookupWidget(get_user_model(), field="username")
    )

    class Meta:
        model = Order
        fields = (
            "reference", "product", "buyer", "amount", "currency", "method", "status",
            "provider_reference", "created_at", "paid_at", "refunded_at",
        )  # fmt: skip


class InvoiceResource(SafeExportResource):
    order = fields.Field(attribute="order__reference", column_name="order")

    class Meta:
        model = Invoice
        fields = (
            "number", "kind", "order", "buyer_name", "buyer_tax_id", "net", "tax", "total",
            "tax_rate", "currency", "issued_at",
        )  # fmt: skip


class CreditEntryResource(SafeExportResource):
    user = fields.Field(attribute="user__username", column_name="member")
    order = fields.Field(attribute="order__reference", column_name="order")

    class Meta:
        model = CreditEntry
        fields = ("created_at", "user", "kind", "credits", "order", "reason")
