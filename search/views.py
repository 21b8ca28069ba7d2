from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from classifieds.models import Listing
from directory.models import Review

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
TYPES = ("pages", "listings", "reviews")


def search_pages(request, query):
    return Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)


def search_listings(request, query):
    """Only what this visitor may see: published, not deleted, no personals
    unless signed in."""
    return (
        Listing.objects.visible_to(request.user)
        .select_related("district", "owner__profile")
        .prefetch_related("photos")
        .search(query)
    )


def search_reviews(request, query):
    """Published venue reviews, found by their text or the venue's name."""
    return (
        Review.objects.filter(status=Review.Status.PUBLISHED)
        .select_related("venue", "author__profile")
        .search(query)
    )


SEARCHES = {"pages": search_pages, "listings": search_listings, "reviews": search_reviews}


def search(request):
    """Search live pages in the visitor's language, and published listings."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    result_type = request.GET.get("type") if request.GET.get("type") in TYPES else "pages"
    results = []
    if query:
        results = SEARCHES[result_type](request, query)
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_of_results, "result_type": result_type},
    )
