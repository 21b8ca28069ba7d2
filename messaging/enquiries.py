"""Enquiries to businesses (R-MSG-2): "Contact this venue" and "Apply" on job listings.

A venue with an approved owner gets the enquiry as a thread with that owner; otherwise
it goes to the venue's enquiry email. A job application goes to the poster as a thread.
Each enquiry records exactly the contact details the member ticked.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from directory.models import OwnershipClaim, VenuePage

from . import services
from .models import Enquiry


@dataclass
class VenueDelivery:
    venue: VenuePage  # the original page of the translation set
    owner: object = None  # the approved owner, or None
    email: str = ""

    @property
    def possible(self):
        return self.owner is not None or bool(self.email)

    @property
    def by_email(self):
        return self.owner is None and bool(self.email)


def venue_delivery(page):
    venue = VenuePage.objects.filter(translation_key=page.translation_key).order_by("pk").first()
    claim = (
        OwnershipClaim.objects.filter(
            venue__translation_key=page.translation_key,
            status=OwnershipClaim.Status.APPROVED,
            claimant__is_active=True,
        )
        .select_related("claimant")
        .order_by("created_at", "pk")
        .first()
    )
    return VenueDelivery(
        venue=venue, owner=claim.claimant if claim else None, email=page.email or venue.email
    )


def _record(sender, form, **fields):
    shared = form.shared()
    enquiry = Enquiry(
        sender=sender,
        message=form.cleaned_data["message"],
        shared_email=shared["email"],
        shared_phone=shared["phone"],
        shared_wechat=shared["wechat"],
        **fields,
    )
    upload = form.cleaned_data.get("cv")
    if upload:
        enquiry.cv_format = form.cv_format
        upload.name = f"cv.{form.cv_format}"
        enquiry.cv = upload
    enquiry.save()
    return enquiry


def send_venue_enquiry(delivery, sender, form):
    """Record the enquiry and deliver it; returns it. Raises ``services.CannotMessage``."""
    from .tasks import deliver_enquiry_by_email

    with transaction.atomic():
        if delivery.owner is not None:
            services.check_can_write(sender, delivery.owner)
            thread, _created = services.get_or_create_thread(
                services.venue_key(delivery.venue, sender, delivery.owner),
                sender,
                delivery.owner,
                venue=delivery.venue,
            )
            enquiry = _record(
                sender,
                form,
                kind=Enquiry.Kind.VENUE,
                delivery=Enquiry.Delivery.THREAD,
                venue=delivery.venue,
                thread=thread,
                recipient=delivery.owner,
                about=delivery.venue.title,
                delivered_at=timezone.now(),
            )
            services.send_message(thread, sender, enquiry.message)
        else:
            enquiry = _record(
                sender,
                form,
                kind=Enquiry.Kind.VENUE,
                delivery=Enquiry.Delivery.EMAIL,
                venue=delivery.venue,
                delivered_to_email=delivery.email,
                about=delivery.venue.title,
            )
            language = translation.get_language() or "en"
            transaction.on_commit(lambda: deliver_enquiry_by_email.delay(enquiry.pk, language))
    return enquiry


def send_job_application(listing, sender, form):
    with transaction.atomic():
        services.check_can_write(sender, listing.owner)
        thread, _created = services.get_or_create_thread(
            services.listing_key(listing, sender), sender, listing.owner, listing=listing
        )
        enquiry = _record(
            sender,
            form,
            kind=Enquiry.Kind.JOB,
            delivery=Enquiry.Delivery.THREAD,
            listing=listing,
            thread=thread,
            recipient=listing.owner,
            about=listing.title,
            delivered_at=timezone.now(),
        )
        services.send_message(thread, sender, enquiry.message)
    return enquiry
