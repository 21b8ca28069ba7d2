"""Owners propose new facts for their venue; editors apply or reject them.

Applying writes the facts to the original page as a new revision, publishes it and
synchronises the translations, so both languages show the new facts at once.
"""

from django.db import transaction
from django.utils import timezone

from core.translation import sync_translations

from . import hours
from .models import VenueEditProposal, VenueOpeningPeriod, VenuePage

# The facts an owner may propose; editorial text stays with the editors.
FIELDS = ["address_en", "address_zh", "phone", "website", "email", "price_level"]
HOURS = "hours"


def current_facts(page):
    facts = {name: getattr(page, name) for name in FIELDS}
    facts[HOURS] = hours.format_week(page.periods)
    return facts


def changed_facts(page, proposed):
    """Only what differs from the page now: an editor reads a short, exact list."""
    now = current_facts(page)
    return {name: value for name, value in proposed.items() if value != now[name]}


def apply(proposal, editor):
    with transaction.atomic():
        proposal = VenueEditProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != VenueEditProposal.Status.PENDING:
            return False
        page = VenuePage.objects.get(pk=proposal.venue_id)
        for name, value in proposal.changes.items():
            if name == HOURS:
                page.opening_periods = [
                    VenueOpeningPeriod(weekday=p.weekday, opens=p.opens, closes=p.closes)
                    for p in hours.parse_week(value)
                ]
            elif name in FIELDS:
                setattr(page, name, value)
        page.save_revision(user=editor, log_action=True).publish(user=editor)
        sync_translations(page, user=editor)
        decide(proposal, VenueEditProposal.Status.APPLIED, editor)
    return True


def decide(proposal, status, editor, note=None):
    proposal.status = status
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    if note is not None:
        proposal.decision_note = note
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    from .tasks import notify_proposal_decision

    transaction.on_commit(lambda: notify_proposal_decision.delay(proposal.pk))
