"""Every change of a listing's state goes through here: who may do it, from which
states, what it records and what it hides (R-POST-2, R-POST-3)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.search import index

from .models import Kind, Listing, Status


class TransitionNotAllowed(Exception):
    """A user-facing reason why this change cannot happen now."""


class BumpTooSoon(TransitionNotAllowed):
    pass


def _require(listing, allowed, message):
    if listing.deleted_at is not None or listing.status not in allowed:
        raise TransitionNotAllowed(message)


def _hide(listing):
    """Leave every public place at once: the search index now, caches and feeds
    are built from live queries and so follow on the next request."""
    transaction.on_commit(lambda: index.remove_object(listing))


def _show(listing):
    transaction.on_commit(lambda: index.insert_or_update_object(listing))


def _save(listing, *fields):
    listing.save(update_fields=[*fields, "updated_at"])


def is_trusted(user):
    """Verified members with an approved listing may skip the queue, if enabled."""
    if not settings.CLASSIFIEDS_AUTO_APPROVE_TRUSTED:
        return False
    profile = getattr(user, "profile", None)
    return bool(
        profile
        and profile.email_verified
        and Listing.objects.filter(
            owner=user, moderated_by__isnull=False, published_at__isnull=False
        ).exists()
    )


class NoJobCredit(TransitionNotAllowed):
    pass


def _spend_job_credit(listing):
    """A job post costs one credit, taken when it is sent in (once per run: sending
    it in again after an edit is free, renewing an expired job is a new run)."""
    from payments import ledger

    try:
        ledger.spend_for_job(listing, renewal=listing.status == Status.EXPIRED)
    except ledger.NotEnoughCredits as error:
        raise NoJobCredit(str(error)) from error


@transaction.atomic
def submit(listing):
    """Draft (or an edited listing) → waiting for moderation, or straight to
    published for trusted members whose listing raised no flag."""
    _require(
        listing, {Status.DRAFT, Status.PENDING, Status.EXPIRED}, _("This listing cannot be submitted now.")
    )
    if listing.kind == Kind.JOBS and not settings.CLASSIFIEDS_FREE_JOB_POSTS:
        _spend_job_credit(listing)
    listing.status = Status.PENDING
    listing.submitted_at = timezone.now()
    _save(listing, "status", "submitted_at")
    log(listing, "classifieds.submit", user=listing.owner)
    if not listing.flagged_as_duplicate and listing.kind != "personals" and is_trusted(listing.owner):
        publish(listing, moderator=None)


@transaction.atomic
def publish(listing, moderator):
    _require(listing, {Status.PENDING}, _("Only listings waiting for moderation can be approved."))
    now = timezone.now()
    listing.status = Status.PUBLISHED
    listing.published_at = listing.published_at or now
    listing.bumped_at = now
    listing.expires_at = now + timedelta(days=settings.CLASSIFIEDS_LISTING_DAYS)
    listing.expiry_reminder_sent_at = None
    listing.removal_reason = ""
    listing.moderated_by = moderator
    listing.moderated_at = now if moderator else None
    _save(
        listing,
        "status",
        "published_at",
        "bumped_at",
        "expires_at",
        "expiry_reminder_sent_at",
        "removal_reason",
        "moderated_by",
        "moderated_at",
    )
    log(listing, "classifieds.approve", user=moderator)
    _show(listing)
    from .tasks import notify_moderation_outcome, send_instant_saved_search_alerts

    transaction.on_commit(lambda: notify_moderation_outcome.delay(listing.pk, "published"))
    transaction.on_commit(lambda: send_instant_saved_search_alerts.delay(listing.pk))


@transaction.atomic
def reject(listing, moderator, reason):
    """Pending → removed, with a reason the owner sees; or remove a published one."""
    _require(
        listing,
        {Status.PENDING, Status.PUBLISHED, Status.TAKEN},
        _("This listing is not waiting for moderation or published."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed(_("Give the poster a reason."))
    if listing.kind == Kind.JOBS and listing.status == Status.PENDING:
        # A job turned down before it was ever shown gets its credit back.
        from payments import ledger

        ledger.refund_job(listing, reason)
    listing.status = Status.REMOVED
    listing.removal_reason = reason[:1000]
    listing.moderated_by = moderator
    listing.moderated_at = timezone.now()
    _save(listing, "status", "removal_reason", "moderated_by", "moderated_at")
    log(listing, "classifieds.remove", user=moderator, data={"reason": listing.removal_reason})
    _hide(listing)
    from .tasks import notify_moderation_outcome

    transaction.on_commit(lambda: notify_moderation_outcome.delay(listing.pk, "removed"))


@transaction.atomic
def back_to_moderation(listing):
    """A substantive edit of a published listing is checked again."""
    if listing.status == Status.PUBLISHED:
        listing.status = Status.PENDING
        listing.submitted_at = timezone.now()
        _save(listing, "status", "submitted_at")
        log(listing, "classifieds.edit_resubmitted", user=listing.owner)
        _hide(listing)


@transaction.atomic
def bump(listing):
    """Move a published listing to the top, at most once per cool-down period."""
    _require(listing, {Status.PUBLISHED}, _("Only published listings can be refreshed."))
    now = timezone.now()
    cooldown = timedelta(hours=settings.CLASSIFIEDS_BUMP_COOLDOWN_HOURS)
    if listing.refreshed_at and now - listing.refreshed_at < cooldown:
        next_time = timezone.localtime(listing.refreshed_at + cooldown)
        raise BumpTooSoon(
            _("You can refresh this listing again after %(time)s.")
            % {"time": next_time.strftime("%Y-%m-%d %H:%M")}
        )
    listing.bumped_at = listing.refreshed_at = now
    _save(listing, "bumped_at", "refreshed_at")
    log(listing, "classifieds.bump", user=listing.owner)


@transaction.atomic
def mark_taken(listing):
    _require(listing, {Status.PUBLISHED}, _("Only published listings can be marked as taken."))
    listing.status = Status.TAKEN
    _save(listing, "status")
    log(listing, "classifieds.taken", user=listing.owner)
    _hide(listing)


@transaction.atomic
def delete_by_owner(listing):
    """Soft delete: gone from every public place now, purged after retention."""
    if listing.deleted_at is not None:
        return
    listing.deleted_at = timezone.now()
    _save(listing, "deleted_at")
    log(listing, "classifieds.delete", user=listing.owner)
    _hide(listing)


@transaction.atomic
def expire(listing):
    _require(listing, {Status.PUBLISHED}, _("Only published listings expire."))
    listing.status = Status.EXPIRED
    _save(listing, "status")
    log(listing, "classifieds.expire", user=None)
    _hide(listing)
