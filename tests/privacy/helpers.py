"""Build a member who has data in every place the registry can reach today."""

import io
import json
import re
import zipfile

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.models import RequestLogEntry
from tests.factories.pages import english_home


def phone_of(user):
    return f"+86139{user.pk:08d}"


def wechat_of(user):
    return f"wx_{user.username}_88"[:20]


# A 1×1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def give_member_data(user, client=None):
    """Profile with contact details, an admin avatar, request log rows, a staff log
    entry, an authored page revision, a signed-in session. Returns what was made."""
    made = {}
    profile = getattr(user, "profile", None)
    if profile is not None:
        profile.display_name = f"{user.first_name} {user.last_name}"
        profile.phone = phone_of(user)
        profile.wechat_id = wechat_of(user)
        profile.bio = f"Hi, I am {user.first_name}."
        profile.save()
        made["profile"] = profile
    admin_profile = UserProfile.get_for_user(user)
    admin_profile.preferred_language = "zh-hans"
    admin_profile.avatar.save("portrait.png", ContentFile(PNG), save=True)
    made["avatar"] = admin_profile.avatar.path
    now = timezone.now()
    made["log"] = RequestLogEntry.objects.bulk_create(
        [
            RequestLogEntry(
                created_at=now,
                method="GET",
                path=f"/en/members/{user.username}/",
                status_code=200,
                ip_prefix="203.0.113.0",
                browser="Firefox",
                os="Linux",
                device="pc",
                referrer="https://search.example/results",
                referrer_host="search.example",
                user=user,
            )
        ]
    )
    home = english_home()
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(home),
        object_id=str(home.pk),
        object_repr="Home",
        action_flag=ADDITION,
        change_message="Changed the home page",
    )
    home.save_revision(user=user)
    made["revision"] = home.get_latest_revision()
    if client is not None:
        client.force_login(user)
    return made


def read_archive(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = {
        name: json.loads(archive.read(name))
        for name in archive.namelist()
        if re.match(r"data/\w+\.json$", name)
    }
    return archive, data


def download_link(message):
    match = re.search(r"https?://[^/\s]+(/\S+/privacy/export/download/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def give_domain_data(user, other):
    """Something of ``user``'s in every domain app: a listing, a report and a saved
    search with a sent alert, a review with a photo and a report, a claim and a
    proposed edit, an event sent in, a conversation with a report and a block, an
    enquiry, a support ticket, newsletter data. Returns the labels of the models now
    holding ``user``'s data."""
    from classifieds.models import AbuseReport, SavedSearchAlert
    from directory import reviews
    from directory.models import OwnershipClaim, Review, ReviewReport, VenueEditProposal
    from events.models import EventSubmission
    from messaging.models import Block, Enquiry, MessageReport
    from tests.accounts import images
    from tests.factories.classifieds import ListingFactory, SavedSearchFactory
    from tests.factories.directory import make_venue, restaurants_category
    from tests.factories.events import events_calendar, make_event, sh
    from tests.factories.messaging import message, thread_between
    from tests.factories.support import ticket

    listing = ListingFactory(owner=user, title=f"{user.username}'s sofa")
    saved_search = SavedSearchFactory(owner=user, name="Sofas near Jing'an Temple")
    SavedSearchAlert.objects.create(saved_search=saved_search, listing=ListingFactory(owner=other))
    AbuseReport.objects.create(
        listing=ListingFactory(owner=other), reporter=user, reason="spam", details="Posted twice"
    )
    venue = make_venue(restaurants_category(), "Lane Noodles")
    review = Review.objects.create(venue=venue, author=user, rating=4, text="Good broth")
    reviews.add_photos(review, [images.png()])
    ReviewReport.objects.create(
        review=Review.objects.create(venue=venue, author=other, rating=1, text="x"), reporter=user
    )
    OwnershipClaim.objects.create(
        venue=venue, claimant=user, role="Manager", contact_phone="+862160001234", licence="claims/l.pdf"
    )
    VenueEditProposal.objects.create(
        venue=venue, proposer=user, changes={"phone": "+86 21 6000 9999"}, note="New line"
    )
    event = make_event(events_calendar(), "Jazz night", sh(2030, 1, 5, 20), live=False)
    EventSubmission.objects.create(page=event, submitter=user, note="Free drinks")
    thread = thread_between(user, other, listing=listing)
    mine = message(thread, user, body="Still for sale?")
    MessageReport.objects.create(
        message=message(thread, other, body="Rude reply"), reporter=user, reason="harassment"
    )
    Block.objects.create(blocker=user, blocked=other)
    Enquiry.objects.create(
        sender=user,
        kind="venue",
        delivery="email",
        venue=venue,
        delivered_to_email="hello@venue.example",
        about="Lane Noodles",
        message="A table for six?",
        shared_email=user.email,
    )
    ticket(user, subject="Where is my refund?")
    assert mine.pk
    return (
        give_newsletter_data(user, other)
        | give_payment_data(user, other)
        | {
            "classifieds.Listing",
            "classifieds.AbuseReport",
            "classifieds.SavedSearch",
            "classifieds.SavedSearchAlert",
            "directory.Review",
            "directory.ReviewReport",
            "directory.OwnershipClaim",
            "directory.VenueEditProposal",
            "events.EventSubmission",
            "messaging.Message",
            "messaging.ThreadMember",
            "messaging.Enquiry",
            "messaging.Block",
            "messaging.MessageReport",
            "support.Ticket",
        }
    )


def give_newsletter_data(user, other):
    """``user`` subscribed to a newsletter, sent one campaign, their address suppressed
    after a complaint; ``other`` subscribed too. Returns the labels holding ``user``'s data."""
    from core.models_mail import SuppressedAddress
    from newsletters.models import Campaign, CampaignDelivery, NewsletterList, Subscriber, Subscription

    weekly = NewsletterList.objects.get(slug="this-week")
    mine = Subscriber.objects.create(email=user.email, user=user, confirmed_at=timezone.now())
    theirs = Subscriber.objects.create(email=other.email, confirmed_at=timezone.now())
    campaign = Campaign.objects.create(
        title="Weekly", newsletter_list=weekly, subject_en="Hi", subject_zh="你好", body_en=[], body_zh=[]
    )
    batch = campaign.batches.create(number=1, language="en", status="sent")
    for subscriber in (mine, theirs):
        Subscription.objects.create(subscriber=subscriber, newsletter_list=weekly)
        CampaignDelivery.objects.create(
            campaign=campaign, subscriber=subscriber, batch=batch, status="sent", sent_at=timezone.now()
        )
    SuppressedAddress.suppress(user.email, SuppressedAddress.COMPLAINED)
    return {
        "newsletters.Subscriber",
        "newsletters.Subscription",
        "newsletters.CampaignDelivery",
        "core.SuppressedAddress",
    }


def give_payment_data(user, other):
    """``user`` bought a credit pack (invoice in their name, credits in the ledger, one
    spent on a job) and booked a banner; ``other`` bought something too. Returns the
    labels holding ``user``'s data."""
    from payments import ledger, orders
    from payments.models import AdBooking
    from tests.factories.classifieds import job
    from tests.factories.payments import OrderFactory, ProductFactory

    pack = ProductFactory(code="privacy-credits", credits=3)
    invoice_name = f"{user.first_name} {user.last_name}".strip() or user.username
    orders.mark_paid(OrderFactory(buyer=user, product=pack, invoice_name=invoice_name))
    orders.mark_paid(OrderFactory(buyer=other, product=pack, invoice_name="Someone Else"))
    ledger.spend_for_job(job(owner=user))
    banner = OrderFactory(
        buyer=user,
        product=ProductFactory(
            code="privacy-banner", kind="ad_slot", credits=0, days=7, ad_position="home_top"
        ),
    )
    AdBooking.objects.create(
        order=banner,
        position="home_top",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        image=ContentFile(PNG, name="banner.png"),
        link_url=f"https://{user.username}.example/",
        alt_text="Spring sale",
    )
    return {"payments.Order", "payments.Invoice", "payments.CreditEntry", "payments.AdBooking"}
