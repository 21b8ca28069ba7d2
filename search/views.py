"""One search page over venues, events, pages and classifieds, plus suggestions
for the search box. Chinese and pinyin handling lives in the search backend
(search/backend.py); here only what a visitor may see is ever searched."""

import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField

from classifieds.models import Kind, Listing
from core.machine_text import plain_text
from core.models import District
from core.ratelimit import allow
from core.request_log import client_ip
from directory.models import Review, VenuePage
from events.models import EventPage

from . import chinese
from .backend import understands_chinese
from .highlight import snippet

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Matches are counted up to this many; beyond it a type shows "1000+" and pages stop.
COUNT_LIMIT = 1000
SUGGESTIONS_PER_TYPE = 4
SUGGEST_RATE_LIMIT = 60  # requests per minute and address
SLUG = re.compile(r"^[a-z0-9-]{1,40}$")

TYPES = {
    "venues": _("Venues"),
    "events": _("Events"),
    "pages": _("Guides and pages"),
    "listings": _("Classifieds"),
    "reviews": _("Reviews"),
}


class Filters:
    """Filters that carry over from the section pages (?district=jingan&kind=housing)."""

    def __init__(self, request):
        code = request.GET.get("district", "")
        self.district = District.objects.filter(code=code).first() if SLUG.match(code) else None
        kind = request.GET.get("kind", "")
        self.kind = kind if kind in Kind.values else None

    @property
    def kind_label(self):
        return Kind(self.kind).label if self.kind else ""

    def apply_district(self, queryset):
        return queryset.filter(district=self.district) if self.district else queryset


class Scope:
    """What every search of one request shares: the visitor's locale and the
    private sections of the page tree (looked up once, not once per page type)."""

    def __init__(self):
        self.locale = Locale.get_active()
        self.private = Page.objects.all().private_q()


def live_pages(model, scope):
    return model.objects.live().exclude(scope.private).filter(locale=scope.locale)


def search_venues(request, query, scope, filters):
    venues = filters.apply_district(live_pages(VenuePage, scope))
    return venues.select_related("district").search(query)


def search_events(request, query, scope, filters):
    events = filters.apply_district(live_pages(EventPage, scope))
    return events.select_related("district").search(query)


def search_pages(request, query, scope, filters):
    """Every other page type (guides, articles …), whatever app it comes from."""
    pages = live_pages(Page, scope).not_type(VenuePage, EventPage).specific()
    return pages.search(query)


def search_listings(request, query, scope, filters, relevance=True):
    """Only what this visitor may see: published, not deleted, no personals
    unless signed in. Without relevance: the most recently bumped first."""
    listings = filters.apply_district(Listing.objects.visible_to(request.user))
    if filters.kind:
        listings = listings.filter(kind=filters.kind)
    if not relevance:
        listings = listings.order_by("-bumped_at")
    return listings.select_related("district").search(query, order_by_relevance=relevance)


def search_reviews(request, query, scope, filters):
    """Published reviews of venues anyone may see, found by their text or the venue's name."""
    venues = VenuePage.objects.live().exclude(scope.private).values("pk")
    reviews = Review.objects.filter(status=Review.Status.PUBLISHED, venue__in=venues)
    return reviews.select_related("venue").search(query)


# Types whose broad searches (more matches than COUNT_LIMIT) list the newest first:
# ranking thousands of classifieds by relevance is slow and fresh posts matter most.
NEWEST_FIRST_WHEN_BROAD = {"listings"}

SEARCHES = {
    "venues": search_venues,
    "events": search_events,
    "pages": search_pages,
    "listings": search_listings,
    "reviews": search_reviews,
}


def page_text(page):
    """The text of a page for its snippet: its summary, else its indexed text."""
    for name in ("search_description", "introduction"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, (list, tuple)):
                texts.extend(str(item) for item in value)
            elif value:
                texts.append(str(value))
    return " ".join(texts)


def _hit(title, url, query, text, meta=""):
    return {"title": title, "url": url, "snippet": snippet(text, query), "meta": meta}


def to_hit(result_type, result, request, query):
    if result_type == "listings":
        meta = [str(result.get_kind_display())]
        if result.district:
            meta.append(result.district.name)
        if result.price is not None:
            meta.append(f"¥{result.price}")
        return _hit(result.title, result.get_absolute_url(), query, result.description, " · ".join(meta))
    if result_type == "reviews":
        venue = result.venue.localized
        meta = gettext("Review of %(venue)s, %(rating)s★") % {"venue": venue.title, "rating": result.rating}
        return _hit(venue.title, venue.get_url(request), query, result.text, meta)
    if result_type == "venues":
        zh = request.LANGUAGE_CODE.startswith("zh")
        address = (result.address_zh if zh else result.address_en) or result.address_en
        meta = " · ".join(part for part in (result.district.name, address) if part)
        return _hit(result.title, result.get_url(request), query, result.introduction or address, meta)
    if result_type == "events":
        when = date_format(localtime(result.start), "DATE_FORMAT")
        meta = " · ".join(part for part in (when, result.location) if part)
        return _hit(
            result.title, result.get_url(request), query, result.introduction or result.location, meta
        )
    return _hit(
        result.title,
        result.get_url(request),
        query,
        page_text(result),
        str(result.specific_class._meta.verbose_name).capitalize() if result.specific_class else "",
    )


class Counted:
    """Search results with their (possibly capped) count, for the paginator."""

    def __init__(self, results):
        self.results = results
        # The database backend counts no further than needed; others count all.
        counter = getattr(results, "count_up_to", None)
        found = counter(COUNT_LIMIT + 1) if counter else results.count()
        self.capped = found > COUNT_LIMIT
        self.total = min(found, COUNT_LIMIT)

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.results[key]


def read_query(request):
    return chinese.normalise_query(request.GET.get("q", ""), MAX_QUERY_LENGTH)


def run_searches(request, query, filters):
    """Every result type for one query: {type: Counted results}."""
    scope = Scope()
    results = {}
    for name, run in SEARCHES.items():
        results[name] = Counted(run(request, query, scope, filters))
        if results[name].capped and name in NEWEST_FIRST_WHEN_BROAD:
            results[name].results = run(request, query, scope, filters, relevance=False)
    return results


def pick_type(requested_type, results):
    """The tab asked for, else the first type with results."""
    if requested_type in TYPES:
        return requested_type
    return next((name for name in TYPES if name in results and results[name].total), "venues")


def search(request):
    """Search venues, events, pages in the visitor's language, and classifieds."""
    query = read_query(request)
    filters = Filters(request)
    results = run_searches(request, query, filters) if chinese.is_searchable(query) else {}
    counts = {name: found.total for name, found in results.items()}
    result_type = pick_type(request.GET.get("type"), results)

    page_of_results = Paginator(results.get(result_type, []), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    hits = [to_hit(result_type, result, request, query) for result in page_of_results]
    tabs = [
        {
            "type": name,
            "label": label,
            "count": counts.get(name, 0),
            "capped": name in results and results[name].capped,
            "current": name == result_type,
        }
        for name, label in TYPES.items()
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "searched": bool(counts),
            "search_results": page_of_results,
            "hits": hits,
            "result_type": result_type,
            "tabs": tabs,
            "filters": filters,
            "capped": result_type in results and results[result_type].capped,
            "count_limit": COUNT_LIMIT,
            "understands_chinese": understands_chinese(get_search_backend()),
        },
    )


@require_GET
def suggest(request):
    """Titles for the search box as the visitor types: venues, pages and
    classifieds, at most a few of each (JSON)."""
    if not allow(f"search-suggest:{client_ip(request) or 'unknown'}", limit=SUGGEST_RATE_LIMIT, period=60):
        return JsonResponse({"error": gettext("Too many requests. Try again in a minute.")}, status=429)
    query = read_query(request)
    suggestions = []
    if len(query) >= 2 and chinese.is_searchable(query):
        scope = Scope()
        sources = [
            ("venues", live_pages(VenuePage, scope)),
            ("pages", live_pages(Page, scope).not_type(VenuePage)),
            ("listings", Listing.objects.visible_to(request.user)),
        ]
        for result_type, queryset in sources:
            for result in queryset.autocomplete(query)[:SUGGESTIONS_PER_TYPE]:
                url = result.get_absolute_url() if result_type == "listings" else result.get_url(request)
                # Plain text: whatever a member put in a title, the box shows it as text.
                suggestions.append(
                    {"title": plain_text(result.title), "url": url, "type": str(TYPES[result_type])}
                )
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["Cache-Control"] = "private, max-age=60"
    return response
