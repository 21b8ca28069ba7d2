"""Page routing in one query for the whole path.

Wagtail walks a URL one level at a time, two queries a level (the child by slug, then
its specific row). ``route`` reads, once per request, every page that can be on the
path (the right slug at the right depth below the page routing starts from), then
walks as Wagtail does — each page's own ``route`` still decides, so routable pages keep
their sub-views — and loads the specific row of the page that answers only.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page

CANDIDATES = "_longtang_route_candidates"
ROOT = "_longtang_route_root"


def _candidates(request, page, path_components):
    """{(parent path, slug): page} for every page that may lie on the path below
    ``page``: read once per request for the page routing starts from (and again
    only for another path, or for a page outside that tree)."""
    stores = request.__dict__.setdefault(CANDIDATES, {})
    components = tuple(path_components)
    for (root_path, root_depth, root_components), store in stores.items():
        offset = page.depth - root_depth
        if page.path.startswith(root_path) and root_components[offset:] == components:
            return store
    wanted = Q()
    for offset, slug in enumerate(path_components, start=1):
        wanted |= Q(depth=page.depth + offset, slug=slug)
    store = {}
    for candidate in Page.objects.filter(wanted, path__startswith=page.path):
        store[(candidate.path[: -Page.steplen], candidate.slug)] = candidate
    stores[(page.path, page.depth, components)] = store
    return store


def route(page, request, path_components, default):
    """What ``Page.route`` answers for ``page``; ``default`` is Wagtail's own."""
    if request is None:
        return default(request, path_components)
    outermost = not hasattr(request, ROOT)
    if outermost:
        setattr(request, ROOT, page)  # the home page of the language being served
    if not path_components:
        return _with_locale(default(request, path_components))
    child = _candidates(request, page, path_components).get((page.path, path_components[0]))
    if child is None:
        raise Http404
    child._cached_parent_obj = page
    remaining = path_components[1:]
    # The last page of the path is served: its specific row in full. A page on the
    # way only routes (tree fields), unless it answers the rest itself (a sub-view).
    result = (_full(child) if not remaining else child.specific_deferred).route(request, remaining)
    served = result.page if result is not None else None
    if outermost and served is not None and served.get_deferred_fields():
        result.page = _full(served)
    return _with_locale(result) if outermost else result


def _full(page):
    """``page`` as its specific class with every field, and the related rows its
    class names in ``route_select_related`` (a hero image, a topic) in the same query."""
    model = page.specific_class
    related = getattr(model, "route_select_related", ())
    if model is None:
        return page.specific
    if not related and isinstance(page, model) and not page.get_deferred_fields():
        return page
    if not related:
        full = page.specific if not isinstance(page, model) else model.objects.get(pk=page.pk)
    else:
        full = model.objects.select_related(*related).get(pk=page.pk)
    if "_cached_parent_obj" in page.__dict__:
        full._cached_parent_obj = page._cached_parent_obj
    return full


def _with_locale(result):
    """The served page's Locale from the cached rows, so templates reading
    ``page.locale`` ask nothing."""
    from .lookups import locale_for_id

    page = result.page if result is not None else None
    if page is not None and not Page._meta.get_field("locale").is_cached(page):
        locale = locale_for_id(page.locale_id)
        if locale is not None:
            page.locale = locale
    return result
