"""Phone numbers: validation to E.164 and verification by a one-time SMS code."""

import secrets
from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import PhoneVerification, Profile
from .sms import get_sms_sender


class VerificationError(Exception):
    """A user-facing reason why a code cannot be sent or accepted."""


def normalise_phone(raw):
    """Parse a phone number typed by a person; return it in E.164 (+8613812345678)."""
    raw = (raw or "").strip()
    if len(raw) > 32:
        raise ValidationError(_("Enter a valid phone number, e.g. +86 138 1234 5678."), code="invalid")
    try:
        number = phonenumbers.parse(raw, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a valid phone number, e.g. +86 138 1234 5678."), code="invalid"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number, e.g. +86 138 1234 5678."), code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _hash(user_id, phone, code):
    return salted_hmac("accounts.phone-code", f"{user_id}:{phone}:{code}", algorithm="sha256").hexdigest()


def send_code(user):
    """Send a fresh code to the phone number on the user's profile."""
    profile = Profile.objects.get(user=user)
    if not profile.phone:
        raise VerificationError(_("Add a phone number to your profile first."))
    if profile.phone_verified:
        raise VerificationError(_("This phone number is already verified."))
    now = timezone.now()
    recent = PhoneVerification.objects.filter(user=user, created_at__gte=now - timedelta(days=1))
    if recent.count() >= settings.PHONE_CODES_PER_DAY:
        raise VerificationError(_("You have asked for too many codes today. Please try again tomorrow."))
    if recent.filter(created_at__gte=now - timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS)).exists():
        raise VerificationError(_("A code was sent a moment ago. Please wait a minute before asking again."))

    code = f"{secrets.randbelow(10**6):06d}"
    PhoneVerification.objects.create(
        user=user,
        phone=profile.phone,
        code_hash=_hash(user.pk, profile.phone, code),
        expires_at=now + timedelta(minutes=settings.PHONE_CODE_TTL_MINUTES),
    )
    with override(profile.preferred_language):
        message = _("Your Longtang code is %(code)s. It expires in %(minutes)s minutes.") % {
            "code": code,
            "minutes": settings.PHONE_CODE_TTL_MINUTES,
        }
    transaction.on_commit(lambda: get_sms_sender().send(profile.phone, message))


def check_code(user, code):
    """Verify the profile's phone number with ``code``; raise VerificationError if not."""
    code = (code or "").strip()
    error = None
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        verification = (
            PhoneVerification.objects.select_for_update()
            .filter(user=user, phone=profile.phone, verified_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if verification is None or verification.expires_at <= timezone.now():
            error = _("This code has expired. Ask for a new one.")
        elif verification.attempts >= settings.PHONE_CODE_MAX_ATTEMPTS:
            error = _("Too many wrong codes. Ask for a new one.")
        else:
            # The attempt is counted (and committed) whether or not the code is right.
            verification.attempts += 1
            expected = _hash(user.pk, profile.phone, code)
            if code.isdigit() and constant_time_compare(verification.code_hash, expected):
                now = timezone.now()
                verification.verified_at = now
                profile.phone_verified_at = now
                profile.save(update_fields=["phone_verified_at", "updated_at"])
            else:
                error = _("That code is not right. Check the SMS and try again.")
            verification.save(update_fields=["attempts", "verified_at"])
    if error:
        raise VerificationError(error)
