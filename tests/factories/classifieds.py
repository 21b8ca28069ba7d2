from datetime import timedelta

import factory
from django.utils import timezone

from classifieds.models import Kind, Listing, SavedSearch, Status
from core.models import District, MetroStation

from .users import UserFactory


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    owner = factory.SubFactory(UserFactory)
    kind = Kind.HOUSING
    status = Status.PUBLISHED
    title = factory.Sequence(lambda n: f"Sunny two-bedroom flat {n}")
    description = "Bright flat near the metro, south-facing, quiet lane."
    district = factory.LazyFunction(lambda: District.objects.get(code="jingan"))
    station = factory.LazyFunction(lambda: MetroStation.objects.get(code="jingantemple"))
    price = 9000
    bedrooms = 2
    furnished = True
    published_at = factory.LazyFunction(timezone.now)
    bumped_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


def job(**kwargs):
    defaults = {
        "kind": Kind.JOBS,
        "title": "Barista wanted",
        "employer_name": "Lane Coffee",
        "role": "Barista",
        "job_type": "part-time",
        "salary_min": 6000,
        "salary_max": 8000,
        "price": None,
        "bedrooms": None,
        "furnished": None,
    }
    return ListingFactory(**{**defaults, **kwargs})


def item(**kwargs):
    defaults = {
        "kind": Kind.BUY_SELL,
        "title": "City bike",
        "item_category": "bikes",
        "condition": "good",
        "price": 400,
        "bedrooms": None,
        "furnished": None,
    }
    return ListingFactory(**{**defaults, **kwargs})


def personal(**kwargs):
    defaults = {
        "kind": Kind.PERSONALS,
        "title": "Looking for a hiking partner",
        "description": "Weekend hikes around the city.",
        "price": None,
        "bedrooms": None,
        "furnished": None,
        "adult_confirmed_at": timezone.now(),
    }
    return ListingFactory(**{**defaults, **kwargs})


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Flats in Jing'an {n}")
    kind = Kind.HOUSING
    filters = factory.LazyFunction(lambda: {"district": "jingan", "price_max": "10000"})
    frequency = SavedSearch.Frequency.INSTANT
