from datetime import timedelta

from allauth.account.decorators import verified_email_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow

from . import lifecycle
from .duplicates import flag_if_duplicate
from .filters import FILTERS
from .forms import ReportForm, listing_form_class
from .jsonld import listing_jsonld
from .models import Kind, Listing, ListingPhoto, Status
from .photos import add_photos

PER_PAGE = 20


def kind_or_404(kind):
    if kind not in Kind.values:
        raise Http404
    return Kind(kind)


def listing_list_queryset():
    return Listing.objects.select_related("district", "station", "owner__profile").prefetch_related(
        Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "pk"))
    )


def overview(request):
    return render(request, "classifieds/overview.html", {"kinds": Kind})


def index(request, kind):
    kind = kind_or_404(kind)
    if kind == Kind.PERSONALS and not request.user.is_authenticated:
        return redirect_to_login(request)
    queryset = listing_list_queryset().visible().filter(kind=kind).order_by("-bumped_at", "-pk")
    filterset = FILTERS[kind](request.GET or None, queryset=queryset)
    paginator = Paginator(featured_first(filterset.qs, request.GET.get("sort")), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "classifieds/index.html",
        {
            "kind": kind,
            "filter": filterset,
            "page_obj": page,
            "listings": page.object_list,
            "query_string": query.urlencode(),
        },
    )


def featured_first(queryset, sort):
    """Bought featured runs lead the default (newest first) order."""
    if sort not in (None, "", "newest"):
        return queryset
    featured = Case(When(featured_until__gt=timezone.now(), then=Value(1)), default=Value(0))
    return queryset.order_by(featured.desc(), "-bumped_at", "-pk")


def redirect_to_login(request):
    from django.contrib.auth.views import redirect_to_login as django_redirect

    return django_redirect(request.get_full_path())


def detail(request, kind, pk, slug=None):
    kind = kind_or_404(kind)
    listing = get_object_or_404(listing_list_queryset().filter(kind=kind), pk=pk)
    is_owner = request.user.is_authenticated and listing.owner_id == request.user.pk
    if listing.deleted_at is not None or (not listing.is_visible and not is_owner):
        if listing.deleted_at is None and listing.status in {Status.DRAFT, Status.PENDING}:
            raise Http404
        return render(request, "classifieds/gone.html", {"kind": kind}, status=410)
    if kind == Kind.PERSONALS and not request.user.is_authenticated:
        return redirect_to_login(request)
    similar = (
        listing_list_queryset()
        .visible()
        .filter(kind=kind, district_id=listing.district_id)
        .exclude(pk=listing.pk)
        .order_by("-bumped_at")[:4]
    )
    contact = {}
    if request.user.is_authenticated and listing.is_visible:
        profile = listing.owner.profile
        contact = {
            "phone": profile.phone if listing.show_phone else "",
            "wechat": profile.wechat_id if listing.show_wechat else "",
            "email": listing.owner.email if listing.show_email else "",
        }
    return render(
        request,
        "classifieds/detail.html",
        {
            "kind": kind,
            "listing": listing,
            "is_owner": is_owner,
            "contact": contact,
            "similar": list(similar),
            "jsonld": listing_jsonld(request, listing) if listing.is_visible else "",
        },
    )


@verified_email_required
def post(request, kind):
    kind = kind_or_404(kind)
    form_class = listing_form_class(kind)
    form = form_class(request.POST or None, request.FILES or None)
    context = {"form": form, "kind": kind, "job_credits": job_credits(request.user, kind)}
    if request.method == "POST" and form.is_valid():
        if not may_post(request.user):
            messages.error(request, _("You have posted many listings today. Please try again tomorrow."))
            return render(request, "classifieds/form.html", context, status=429)
        submitting = "save_draft" not in request.POST
        if submitting and context["job_credits"] == 0:
            form.add_error(None, _("Posting a job takes one job credit, and you have none left."))
            return render(request, "classifieds/form.html", context)
        try:
            with transaction.atomic():
                listing = form.save(commit=False)
                listing.owner = request.user
                listing.kind = kind
                listing.status = Status.DRAFT
                if kind == Kind.PERSONALS:
                    listing.adult_confirmed_at = timezone.now()
                listing.save()
                add_photos(listing, form.cleaned_data.get("photos") or [])
                flag_if_duplicate(listing)
                if submitting:
                    lifecycle.submit(listing)
        except lifecycle.NoJobCredit as reason:
            # Another post took the last credit in the meantime: nothing was saved.
            form.add_error(None, str(reason))
            return render(request, "classifieds/form.html", context)
        listing.refresh_from_db()
        if listing.status == Status.PUBLISHED:
            messages.success(request, _("Your listing is published."))
        elif listing.status == Status.PENDING:
            messages.success(request, _("Thank you! A moderator will check your listing shortly."))
        else:
            messages.success(request, _("Your draft is saved."))
        return redirect(listing.get_absolute_url())
    return render(request, "classifieds/form.html", context)


def job_credits(user, kind):
    """The member's job credits when posting a job costs one; None when it is free."""
    if kind != Kind.JOBS or settings.CLASSIFIEDS_FREE_JOB_POSTS:
        return None
    from payments import ledger

    return ledger.balance(user)


def may_post(user):
    new_account = timezone.now() - user.date_joined < timedelta(days=settings.CLASSIFIEDS_NEW_ACCOUNT_DAYS)
    limit = settings.CLASSIFIEDS_POSTS_PER_DAY_NEW if new_account else settings.CLASSIFIEDS_POSTS_PER_DAY
    return allow(f"post-listing:{user.pk}", limit=limit, period=86400)


def own_listing(request, pk):
    # Ownership is part of the query: another member's id is simply not found.
    return get_object_or_404(Listing.objects.owned_by(request.user), pk=pk)


@verified_email_required
def edit(request, pk):
    listing = own_listing(request, pk)
    if not listing.can_be_edited_by_owner:
        messages.error(request, _("This listing can no longer be edited."))
        return redirect("accounts:dashboard")
    form = listing_form_class(Kind(listing.kind))(
        request.POST or None, request.FILES or None, instance=listing
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            listing = form.save()
            add_photos(listing, form.cleaned_data.get("photos") or [])
            if form.substantive_change():
                flag_if_duplicate(listing)
                if listing.status == Status.PUBLISHED:
                    lifecycle.back_to_moderation(listing)
                    messages.info(
                        request, _("Your changes will be visible once a moderator has checked them.")
                    )
        messages.success(request, _("Your listing is saved."))
        return redirect(listing.get_absolute_url())
    return render(request, "classifieds/form.html", {"form": form, "kind": listing.kind, "listing": listing})


def _owner_action(request, pk, action, success):
    listing = own_listing(request, pk)
    try:
        action(listing)
    except lifecycle.TransitionNotAllowed as reason:
        messages.error(request, str(reason))
    else:
        messages.success(request, success)
    return listing


@login_required
@require_POST
def submit(request, pk):
    listing = _owner_action(request, pk, lifecycle.submit, _("Your listing is waiting for moderation."))
    return redirect(listing.get_absolute_url())


@login_required
@require_POST
def bump(request, pk):
    listing = _owner_action(request, pk, lifecycle.bump, _("Your listing is back at the top."))
    return redirect(listing.get_absolute_url())


@login_required
@require_POST
def mark_taken(request, pk):
    _owner_action(
        request, pk, lifecycle.mark_taken, _("Marked as taken. It no longer shows in the listings.")
    )
    return redirect("accounts:dashboard")


@login_required
def delete(request, pk):
    listing = own_listing(request, pk)
    if request.method == "POST":
        lifecycle.delete_by_owner(listing)
        messages.success(request, _("Your listing is deleted."))
        return redirect("accounts:dashboard")
    return render(request, "classifieds/confirm_delete.html", {"listing": listing})


@login_required
@require_POST
def delete_photo(request, pk, photo_pk):
    listing = own_listing(request, pk)
    photo = get_object_or_404(listing.photos, pk=photo_pk)
    photo.delete()  # its files follow on commit (see receivers)
    messages.success(request, _("The photo is removed."))
    return redirect("classifieds:edit", pk=listing.pk)


@login_required
def report(request, pk):
    listing = get_object_or_404(Listing.objects.visible_to(request.user), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(f"report:{request.user.pk}", limit=20, period=86400):
            messages.error(request, _("You have sent many reports today. Please try again tomorrow."))
            return redirect(listing.get_absolute_url())
        try:
            with transaction.atomic():
                form.instance.listing = listing
                form.instance.reporter = request.user
                form.save()
        except IntegrityError:
            messages.info(request, _("You have already reported this listing. Thank you."))
        else:
            messages.success(request, _("Thank you. A moderator will look at this listing."))
        return redirect(listing.get_absolute_url())
    return render(request, "classifieds/report.html", {"form": form, "listing": listing})
