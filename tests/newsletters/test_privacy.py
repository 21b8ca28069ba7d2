"""Newsletter data in the personal-data registry: exported, and erased with the account
(every subscription ends, the address leaves the suppression list with it)."""

import pytest

from core.models_mail import SuppressedAddress
from newsletters.models import CampaignDelivery, Subscriber, Subscription
from privacy.erasure import erase_user
from privacy.export import collect
from tests.factories.users import UserFactory
from tests.privacy.helpers import give_newsletter_data

pytestmark = pytest.mark.django_db


def test_erasure_unsubscribes_everywhere_and_touches_nobody_else():
    member = UserFactory(username="qiuyue", email="qiuyue@example.com")
    other = UserFactory(username="tomasz", email="tomasz@example.com")
    give_newsletter_data(member, other)
    # Subscribed from the footer before signing up, with the same address.
    Subscriber.objects.filter(user=member).update(user=None)

    exported = str(collect(member.pk)[0])
    assert "qiuyue@example.com" in exported and "tomasz@example.com" not in exported

    erase_user(member.pk)
    assert not Subscriber.objects.filter(email="qiuyue@example.com").exists()
    assert not Subscription.objects.filter(subscriber__email="qiuyue@example.com").exists()
    assert CampaignDelivery.objects.filter(subscriber__email="tomasz@example.com").count() == 1
    assert Subscription.objects.filter(subscriber__email="tomasz@example.com", active=True).count() == 1
    assert not SuppressedAddress.is_suppressed("qiuyue@example.com")
    assert not Subscriber.objects.filter(email__contains="qiuyue").exists()
