"""Saved searches: a member keeps the filters of a browse page and gets an email
when new listings match (R-MAIL-5).

What a saved search matches is computed by the browse page's own filter
(``classifieds.filters``) over the same public listings, so the page a saved search
links to shows exactly what its alerts send. Every listing reaches a saved search at
most once, ever: a ``SavedSearchAlert`` row, unique on (search, listing), is written
in the same transaction as the email.
"""

import hashlib

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.language import language_of
from core.mail import send_once

from .filters import FILTERS
from .models import Kind, Listing, SavedSearch, SavedSearchAlert

# Browse parameters that are not filters: never saved.
NOT_SAVED = {"page"}
# Values that mean what no value means (the browse form sends them anyway).
DEFAULTS = {"sort": "newest"}


class SearchNotSaved(ValueError):
    """A user-facing reason why these filters cannot be saved."""


def filter_class(kind):
    return FILTERS[Kind(kind)]


def clean_filters(kind, query, raw_length=0):
    """The known, valid filters of ``query`` (a QueryDict) for listings of ``kind``,
    as strings: ``{"district": "jingan", "price_max": "9000"}``. Unknown parameters are
    left out; a value the browse filter refuses, or an oversized query, raises
    ``SearchNotSaved``."""
    if raw_length > settings.CLASSIFIEDS_SAVED_SEARCH_QUERY_MAX:
        raise SearchNotSaved(_("This search is too long to be saved. Remove some filters and try again."))
    cls = filter_class(kind)
    data = {}
    for name in cls.base_filters:
        if name in NOT_SAVED:
            continue
        values = query.getlist(name)
        if not values:
            continue
        value = str(values[-1]).strip()
        if len(value) > 100:
            raise SearchNotSaved(_("This search is too long to be saved. Remove some filters and try again."))
        if value and DEFAULTS.get(name) != value:
            data[name] = value
    form = cls(data, queryset=Listing.objects.none()).form
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        raise SearchNotSaved(_("These filters cannot be saved: %(problems)s") % {"problems": problems})
    return {name: value for name, value in data.items() if form.cleaned_data.get(name) not in (None, "")}


def browse_queryset(kind):
    """Every listing the browse page of ``kind`` may show, before its filters."""
    return Listing.objects.visible().filter(kind=kind)


def matching(search, queryset=None):
    """The listings ``search`` matches, through the browse page's filter. Filters that
    no longer validate (a district removed since) match nothing rather than more."""
    queryset = browse_queryset(search.kind) if queryset is None else queryset
    filterset = filter_class(search.kind)(search.filters or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return queryset.none()
    return filterset.qs


class Describer:
    """Human labels for saved filters ("District: Jing'an"), reading the choices of
    the browse form; district and line names are loaded once for a whole list."""

    def __init__(self):
        self._forms = {}

    def _form(self, kind):
        if kind not in self._forms:
            form = filter_class(kind)(queryset=Listing.objects.none()).form
            self._forms[kind] = form
        return self._forms[kind]

    def _model_choices(self, field):
        cache = getattr(field, "_saved_search_names", None)
        if cache is None:
            cache = {str(getattr(obj, field.to_field_name or "pk")): obj.name for obj in field.queryset}
            field._saved_search_names = cache
        return cache

    def describe(self, search):
        form = self._form(search.kind)
        parts = []
        for name, field in form.fields.items():
            value = search.filters.get(name)
            if value in (None, ""):
                continue
            shown = value
            if isinstance(field, forms.NullBooleanField):
                shown = _("Yes") if field.to_python(value) else _("No")
            elif hasattr(field, "queryset"):
                shown = self._model_choices(field).get(value, value)
            elif getattr(field, "choices", None):
                shown = {str(k): v for k, v in field.choices}.get(value, value)
            parts.append(f"{field.label}: {shown}")
        return parts


def suggested_name(kind, filters):
    search = SavedSearch(kind=kind, filters=filters)
    parts = [str(Kind(kind).label), *Describer().describe(search)]
    return " · ".join(str(part) for part in parts)[:80]


def _deliver(search_pk, frequency, listing_pks, template_prefix, digest_until=None):
    """Record and email the listings of ``listing_pks`` not yet sent to the search.

    The search row is locked, so two workers never send the same listing; the alert
    rows, the email key (made of the search and the listings it carries: each
    listing is sent to a search once, so a key never repeats) and the digest time
    commit together with the send, or not at all. Returns the number of listings
    emailed."""
    with transaction.atomic():
        search = (
            SavedSearch.objects.wanting_email()
            .select_for_update(of=("self",))
            .select_related("owner__profile")
            .filter(pk=search_pk, frequency=frequency)  # unless changed in the meantime
            .first()
        )
        if search is None:
            return 0
        if digest_until is not None:
            SavedSearch.objects.filter(pk=search.pk).update(last_digest_at=digest_until)
        already = set(
            SavedSearchAlert.objects.filter(saved_search=search, listing_id__in=listing_pks).values_list(
                "listing_id", flat=True
            )
        )
        new = [pk for pk in listing_pks if pk not in already]
        listings = list(
            Listing.objects.visible()
            .filter(pk__in=new)
            .exclude(owner_id=search.owner_id)
            .select_related("district", "station")
            .order_by("-bumped_at", "-pk")
        )
        if not listings:
            return 0
        SavedSearchAlert.objects.bulk_create(
            [SavedSearchAlert(saved_search=search, listing=listing) for listing in listings]
        )
        sent_pks = sorted(listing.pk for listing in listings)
        send_once(
            f"saved-search:{search.pk}:{'.'.join(map(str, sent_pks))}"
            if len(sent_pks) < 10
            else f"saved-search:{search.pk}:{hashlib.sha256(repr(sent_pks).encode()).hexdigest()}",
            search.owner.email,
            template_prefix,
            {"search": search, "listings": listings, "listing": listings[0]},
            language_of(search.owner),
        )
        return len(listings)


def alert_instant(listing_pk):
    """Email the owners of instant saved searches that match a just-published listing."""
    listing = Listing.objects.visible().filter(pk=listing_pk).first()
    if listing is None:
        return 0
    searches = (
        SavedSearch.objects.wanting_email()
        .filter(kind=listing.kind, frequency=SavedSearch.Frequency.INSTANT)
        .exclude(owner_id=listing.owner_id)
        .exclude(alerts__listing_id=listing.pk)
        .order_by("pk")
    )
    sent = 0
    for search in searches.iterator(chunk_size=200):
        if not matching(search, Listing.objects.visible().filter(pk=listing.pk, kind=search.kind)).exists():
            continue
        sent += _deliver(
            search.pk, SavedSearch.Frequency.INSTANT, [listing.pk], "classifieds/email/saved_search_instant"
        )
    return sent


def send_digests(now=None):
    """Daily: each daily saved search gets one email with the listings that matched
    since its last digest and were never sent to it."""
    now = now or timezone.now()
    searches = (
        SavedSearch.objects.wanting_email().filter(frequency=SavedSearch.Frequency.DAILY).order_by("pk")
    )
    sent = 0
    for search in searches.iterator(chunk_size=200):
        since = max(filter(None, [search.last_digest_at, search.created_at]))
        new = list(
            matching(search)
            .filter(bumped_at__gt=since, bumped_at__lte=now)
            .exclude(owner_id=search.owner_id)
            .exclude(pk__in=SavedSearchAlert.objects.filter(saved_search=search).values("listing_id"))
            .order_by("-bumped_at", "-pk")
            .values_list("pk", flat=True)[: settings.CLASSIFIEDS_SAVED_SEARCH_DIGEST_MAX]
        )
        if not new:
            SavedSearch.objects.filter(pk=search.pk).update(last_digest_at=now)
            continue
        sent += _deliver(
            search.pk,
            SavedSearch.Frequency.DAILY,
            new,
            "classifieds/email/saved_search_digest",
            digest_until=now,
        )
    return sent
