"""The job-credit ledger: append-only, balance derived, no overdraw under races."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from payments import ledger, orders
from payments.models import CreditEntry, EntryKind
from tests.factories.classifieds import ListingFactory
from tests.factories.payments import OrderFactory, ProductFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def paid_credits(user, credits=5):
    order = OrderFactory(buyer=user, product=ProductFactory(credits=credits))
    orders.mark_paid(order)
    return order


def test_a_paid_credit_pack_adds_its_credits_once():
    buyer = UserFactory()
    order = paid_credits(buyer, credits=5)
    assert ledger.balance(buyer) == 5
    assert orders.mark_paid(order) is False  # paid twice: nothing more
    assert ledger.balance(buyer) == 5
    assert CreditEntry.objects.filter(user=buyer, kind=EntryKind.PURCHASE).count() == 1


def test_entries_cannot_be_changed_or_deleted():
    buyer = UserFactory()
    paid_credits(buyer)
    entry = CreditEntry.objects.get(user=buyer)
    entry.credits = 500
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert ledger.balance(buyer) == 5


def test_the_orm_shortcuts_cannot_change_or_delete_entries_either():
    buyer = UserFactory()
    paid_credits(buyer)
    entries = CreditEntry.objects.filter(user=buyer)
    with pytest.raises(ValidationError):
        entries.update(credits=500)
    with pytest.raises(ValidationError):
        entries.update(reason="rewritten")  # only blanking is erasure
    with pytest.raises(ValidationError):
        entries.delete()
    entry = entries.get()
    entry.credits = 500
    with pytest.raises(ValidationError), transaction.atomic():  # bulk_update runs in its own block
        CreditEntry.objects.bulk_update([entry], ["credits"])
    assert ledger.balance(buyer) == 5


def test_erasing_the_member_still_unlinks_their_entries():
    buyer = UserFactory()
    paid_credits(buyer)
    entry = CreditEntry.objects.get(user=buyer)
    buyer.delete()  # on_delete=SET_NULL goes through update()
    entry = CreditEntry.objects.get(pk=entry.pk)
    assert entry.user_id is None and entry.credits == 5


def test_spending_for_a_job_takes_one_credit_and_only_once_per_listing():
    buyer = UserFactory()
    paid_credits(buyer, credits=2)
    job = ListingFactory(owner=buyer, kind="jobs")
    ledger.spend_for_job(job)
    ledger.spend_for_job(job)  # sent in again after an edit: no second charge
    assert ledger.balance(buyer) == 1


def test_no_credit_no_spend():
    buyer = UserFactory()
    job = ListingFactory(owner=buyer, kind="jobs")
    with pytest.raises(ledger.NotEnoughCredits):
        ledger.spend_for_job(job)
    assert CreditEntry.objects.count() == 0


def test_a_refund_gives_the_credit_back_once_and_the_listing_can_spend_again():
    buyer = UserFactory()
    paid_credits(buyer, credits=1)
    job = ListingFactory(owner=buyer, kind="jobs")
    ledger.spend_for_job(job)
    assert ledger.balance(buyer) == 0
    ledger.refund_job(job, "Not a real job")
    ledger.refund_job(job, "Not a real job")
    assert ledger.balance(buyer) == 1
    ledger.spend_for_job(job)
    assert ledger.balance(buyer) == 0


def test_staff_adjustment_needs_a_reason():
    member, staff = UserFactory(), UserFactory(is_staff=True)
    with pytest.raises(ValueError):
        ledger.adjust(member, 3, "  ", staff)
    ledger.adjust(member, 3, "Compensation for an outage", staff)
    assert ledger.balance(member) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_spends_with_one_credit_left_take_it_once():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL")
    buyer = UserFactory()
    paid_credits(buyer, credits=1)
    jobs = [ListingFactory(owner=buyer, kind="jobs"), ListingFactory(owner=buyer, kind="jobs")]
    barrier = threading.Barrier(2)
    results = []

    def post(job):
        try:
            barrier.wait()
            ledger.spend_for_job(job)
            results.append("spent")
        except ledger.NotEnoughCredits:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "spent"]
    assert ledger.balance(buyer) == 0
    assert CreditEntry.objects.filter(kind=EntryKind.SPEND).count() == 1
