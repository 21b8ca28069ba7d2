"""Wagtail's user admin with verification state: staff search users, see who has
verified their email and phone, and deactivate accounts (the "Active" box)."""

import django_filters
from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.users.views import users


class UserFilterSet(users.UserFilterSet):
    email_verified = django_filters.BooleanFilter(label=_("Email verified"), widget=BooleanRadioSelect)
    phone_verified = django_filters.BooleanFilter(
        label=_("Phone verified"),
        field_name="profile__phone_verified_at",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )

    class Meta(users.UserFilterSet.Meta):
        fields = []


class IndexView(users.IndexView):
    def get_base_queryset(self):
        verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
        return super().get_base_queryset().select_related("profile").annotate(email_verified=Exists(verified))

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(3, Column("email", label=_("Email"), sort_key="email"))
        columns.insert(
            4, BooleanColumn("email_verified", label=_("Email verified"), sort_key="email_verified")
        )
        columns.insert(
            5,
            BooleanColumn(
                "phone_verified",
                label=_("Phone verified"),
                accessor=lambda user: getattr(getattr(user, "profile", None), "phone_verified", False),
            ),
        )
        return columns


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    filterset_class = UserFilterSet
