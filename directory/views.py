from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow

from . import reviews
from .forms import ClaimForm, ReplyForm, ReviewForm, VenueEditProposalForm
from .models import OwnershipClaim, Review, ReviewReport, VenueEditProposal, VenuePage


def live_venue(page_id):
    return get_object_or_404(VenuePage.objects.live(), pk=page_id)


@verified_email_required
def write_review(request, page_id):
    """Write, or edit, the member's one review of this venue."""
    page = live_venue(page_id)
    venue = reviews.canonical_venue(page)
    review = Review.objects.filter(venue__translation_key=page.translation_key, author=request.user).first()
    form = ReviewForm(request.POST or None, request.FILES or None, instance=review)
    if request.method == "POST" and form.is_valid():
        if review is None and not allow(f"review:{request.user.pk}", limit=10, period=86400):
            messages.error(request, _("You have written many reviews today. Please try again tomorrow."))
            return redirect(page.get_url(request))
        review = form.save(commit=False)
        review.venue = review.venue if review.pk else venue
        review.author = request.user
        try:
            with transaction.atomic():
                reviews.save_by_author(review)
                for photo in form.cleaned_data.get("remove_photos") or []:
                    photo.delete()
                reviews.add_photos(review, form.cleaned_data["photos"])
        except IntegrityError:
            messages.error(request, _("You have already reviewed this venue. Edit your review instead."))
            return redirect(page.get_url(request))
        messages.success(request, _("Thank you! Your review will appear once a moderator has read it."))
        return redirect(page.get_url(request))
    return render(request, "directory/review_form.html", {"form": form, "page": page, "review": review})


@login_required
def delete_review(request, pk):
    review = get_object_or_404(Review.objects.filter(author=request.user).select_related("venue"), pk=pk)
    page = review.venue
    if request.method == "POST":
        with transaction.atomic():
            reviews.delete_by_author(review)
        messages.success(request, _("Your review is deleted."))
        return redirect(page.get_url(request) or "/")
    return render(request, "directory/review_delete.html", {"review": review})


@login_required
@require_POST
def report_review(request, pk):
    review = get_object_or_404(
        Review.objects.filter(status=Review.Status.PUBLISHED).select_related("venue"), pk=pk
    )
    ReviewReport.objects.get_or_create(review=review, reporter=request.user)
    messages.success(request, _("Thank you. A moderator will look at this review."))
    return redirect(review.venue.get_url(request) or "/")


def approved_owner_of(user, page):
    return OwnershipClaim.objects.filter(
        claimant=user, venue__translation_key=page.translation_key, status=OwnershipClaim.Status.APPROVED
    ).exists()


@verified_email_required
def claim_venue(request, page_id):
    page = live_venue(page_id)
    open_claim = OwnershipClaim.objects.filter(
        claimant=request.user,
        venue__translation_key=page.translation_key,
        status__in=[OwnershipClaim.Status.PENDING, OwnershipClaim.Status.APPROVED],
    ).first()
    if open_claim:
        messages.info(
            request,
            _("You have already claimed this venue: %(status)s.")
            % {"status": open_claim.get_status_display()},
        )
        return redirect(page.get_url(request))
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not allow(f"claim:{request.user.pk}", limit=5, period=86400):
            messages.error(request, _("You have sent many claims today. Please try again tomorrow."))
            return redirect(page.get_url(request))
        claim = form.save(commit=False)
        claim.venue = reviews.canonical_venue(page)
        claim.claimant = request.user
        claim.save()
        messages.success(request, _("Thank you. An editor will check your documents and get back to you."))
        return redirect(page.get_url(request))
    return render(request, "directory/claim_form.html", {"form": form, "page": page})


@verified_email_required
def reply_to_review(request, pk):
    review = get_object_or_404(
        Review.objects.filter(status=Review.Status.PUBLISHED).select_related("venue"), pk=pk
    )
    if not approved_owner_of(request.user, review.venue):
        raise Http404
    if review.owner_reply:
        messages.error(request, _("The venue has already replied to this review."))
        return redirect(review.venue.get_url(request))
    form = ReplyForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        if reviews.add_owner_reply(review, form.cleaned_data["owner_reply"]):
            messages.success(request, _("Your reply is published."))
        else:
            messages.error(request, _("The venue has already replied to this review."))
        return redirect(review.venue.get_url(request))
    return render(request, "directory/reply_form.html", {"form": form, "review": review})


@verified_email_required
def propose_edit(request, page_id):
    """An approved owner proposes new facts; editors apply them (see proposals)."""
    page = live_venue(page_id)
    if not approved_owner_of(request.user, page):
        raise Http404
    venue = reviews.canonical_venue(page)
    if VenueEditProposal.objects.filter(
        venue=venue, proposer=request.user, status=VenueEditProposal.Status.PENDING
    ).exists():
        messages.info(request, _("Your earlier changes are still waiting for an editor."))
        return redirect(page.get_url(request))
    form = VenueEditProposalForm(request.POST or None, venue=venue)
    if request.method == "POST" and form.is_valid():
        if not allow(f"venue-proposal:{request.user.pk}", limit=10, period=86400):
            messages.error(request, _("You have proposed many changes today. Please try again tomorrow."))
            return redirect(page.get_url(request))
        try:
            with transaction.atomic():
                VenueEditProposal.objects.create(
                    venue=venue, proposer=request.user, changes=form.changes, note=form.cleaned_data["note"]
                )
        except IntegrityError:
            messages.info(request, _("Your earlier changes are still waiting for an editor."))
            return redirect(page.get_url(request))
        messages.success(request, _("Thank you. An editor will check your changes before they appear."))
        return redirect(page.get_url(request))
    return render(request, "directory/proposal_form.html", {"form": form, "page": page})
