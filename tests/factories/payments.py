from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from payments.models import Order, PaymentMethod, Product, ProductKind

from .users import UserFactory


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("code",)

    kind = ProductKind.JOB_CREDITS
    code = factory.Sequence(lambda n: f"credits-{n}")
    name_en = "5 job credits"
    name_zh = "5 个招聘点数"
    price = Decimal("250.00")
    credits = 5


class FeaturedProductFactory(ProductFactory):
    kind = ProductKind.FEATURED
    code = factory.Sequence(lambda n: f"featured-{n}")
    name_en = "Featured for 7 days"
    name_zh = "置顶 7 天"
    price = Decimal("60.00")
    credits = 0
    days = 7


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    buyer = factory.SubFactory(UserFactory)
    product = factory.SubFactory(ProductFactory)
    amount = factory.LazyAttribute(lambda o: o.product.price)
    tax_rate = Decimal("0.06")
    method = PaymentMethod.BANK
    invoice_name = factory.LazyAttribute(lambda o: o.buyer.username.title() if o.buyer else "Buyer")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
