from django.contrib.auth import get_user_model
from import_export import fields

from core.import_export import LookupWidget, SafeExportResource
from core.models import District, MetroStation

from .models import Listing


class ListingResource(SafeExportResource):
    owner = fields.Field(
        attribute="owner", column_name="owner", widget=LookupWidget(get_user_model(), field="username")
    )
    district = fields.Field(
        attribute="district", column_name="district", widget=LookupWidget(District, "code")
    )
    station = fields.Field(
        attribute="station", column_name="station", widget=LookupWidget(MetroStation, "code")
    )

    class Meta:
        model = Listing
        clean_model_instances = True  # full_clean: choices, lengths and limits are checked per row
        skip_unchanged = True
        report_skipped = True
        fields = (
            "id",
            "owner",
            "kind",
            "status",
            "title",
            "description",
            "language",
            "district",
            "station",
            "price",
            "deposit_terms",
            "size_m2",
            "bedrooms",
            "bathrooms",
            "furnished",
            "available_from",
            "lease_months",
            "lister_type",
            "employer_name",
            "role",
            "salary_min",
            "salary_max",
            "job_type",
            "industry",
            "visa_sponsorship",
            "item_category",
            "condition",
            "delivery_possible",
            "published_at",
            "expires_at",
        )
        export_order = fields
