"""The job-credit ledger's small API (R-PAY-4): the balance is the sum of a member's
entries; spending locks the member's row first, so two posts racing for the last
credit cannot both take it."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import CreditEntry, EntryKind


class NotEnoughCredits(Exception):
    message = _("You have no job credits left. Buy a credit pack to post this job.")


def balance(user):
    return CreditEntry.objects.balance_of(user)


def _lock(user):
    # A row lock on the member: every change to their balance queues behind it.
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)


def open_spend(listing):
    """The spend entry for ``listing`` that has not been refunded, if any."""
    spends = CreditEntry.objects.filter(listing=listing, kind=EntryKind.SPEND).count()
    refunds = CreditEntry.objects.filter(listing=listing, kind=EntryKind.REFUND, order=None).count()
    return spends > refunds


@transaction.atomic
def spend_for_job(listing, renewal=False):
    """Take one credit from the listing's owner for posting it. Sending the same
    listing in again while its credit is spent costs nothing; a ``renewal`` (an
    expired job put up for another run) costs a credit again."""
    _lock(listing.owner)
    if open_spend(listing) and not renewal:
        return None
    if balance(listing.owner) < 1:
        raise NotEnoughCredits(NotEnoughCredits.message)
    return CreditEntry.objects.create(user=listing.owner, kind=EntryKind.SPEND, credits=-1, listing=listing)


@transaction.atomic
def refund_job(listing, reason=""):
    """Give the credit back when moderation turns the job down before it was shown
    (a job edited after it ran and then turned down keeps its credit spent)."""
    _lock(listing.owner)
    if not open_spend(listing):
        return None
    spent_at = (
        CreditEntry.objects.filter(listing=listing, kind=EntryKind.SPEND)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if listing.bumped_at and spent_at and listing.bumped_at > spent_at:
        return None
    return CreditEntry.objects.create(
        user=listing.owner, kind=EntryKind.REFUND, credits=1, listing=listing, reason=str(reason)[:300]
    )


@transaction.atomic
def add_purchase(order):
    """Credits bought with ``order``; at most once per order (a database constraint).
    A buyer whose account is gone gets none (the order and invoice still stand)."""
    if order.buyer is None:
        return None
    _lock(order.buyer)
    entry, _created = CreditEntry.objects.get_or_create(
        order=order,
        kind=EntryKind.PURCHASE,
        defaults={"user": order.buyer, "credits": order.product.credits},
    )
    return entry


@transaction.atomic
def reverse_purchase(order):
    """A refunded order takes its credits back, even into a negative balance: the
    member spent credits that were then refunded."""
    if order.buyer is None:
        return None
    _lock(order.buyer)
    purchase = CreditEntry.objects.filter(order=order, kind=EntryKind.PURCHASE).first()
    if purchase is None:
        return None
    entry, _created = CreditEntry.objects.get_or_create(
        order=order,
        kind=EntryKind.REFUND,
        defaults={"user": order.buyer, "credits": -purchase.credits, "reason": "Order refunded"},
    )
    return entry


@transaction.atomic
def adjust(user, credits, reason, staff):
    if not credits:
        raise ValueError("An adjustment changes the balance.")
    if not str(reason).strip():
        raise ValueError("An adjustment needs a reason.")
    _lock(user)
    return CreditEntry.objects.create(
        user=user, kind=EntryKind.ADJUSTMENT, credits=credits, reason=str(reason)[:300], created_by=staff
    )
