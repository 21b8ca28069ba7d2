from celery import shared_task

from accounts.language import language_of
from core.mail import send_once

from .models import VenueEditProposal


@shared_task(acks_late=True, ignore_result=True)
def notify_proposal_decision(proposal_pk):
    proposal = (
        VenueEditProposal.objects.select_related("proposer__profile", "venue")
        .exclude(status=VenueEditProposal.Status.PENDING)
        .filter(pk=proposal_pk)
        .first()
    )
    if proposal is None or not proposal.proposer.email or not proposal.proposer.is_active:
        return
    send_once(
        f"venue-proposal:{proposal.pk}:{proposal.status}",
        proposal.proposer.email,
        "directory/email/proposal_decided",
        {"proposal": proposal, "applied": proposal.status == VenueEditProposal.Status.APPLIED},
        language_of(proposal.proposer),
    )
