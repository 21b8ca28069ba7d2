"""Refuse requests whose path carries control characters.

No page of the site has a NUL byte, a line break or another control character in
its address. Letting one through reaches converters, ORM lookups and PostgreSQL
(which refuses NUL in text) and ends in a server error; answering 400 here, in the
visitor's language, keeps such probes from ever looking like a fault of ours.
Query strings are left to the views, which read each parameter through their
forms and answer odd values with a calm page (a search for "%00" finds nothing).
"""

import unicodedata

from django.template.response import TemplateResponse


def has_control_characters(text):
    """True when ``text`` holds a C0/C1 control character (NUL, CR, LF, DEL …)."""
    return any(unicodedata.category(char) == "Cc" for char in text)


def hostile_request(request):
    return has_control_characters(request.path)


class RejectControlCharactersMiddleware:
    """Placed after the locale and authentication middleware, so the 400 page is
    rendered in the visitor's language with the usual site header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if hostile_request(request):
            response = TemplateResponse(request, "400.html", status=400)
            return response.render()
        return self.get_response(request)


def _host_of(url):
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return "?"


def is_cross_site(request):
    """True when a browser says the request comes from another site: its
    ``Sec-Fetch-Site``, ``Origin`` or (without Origin) ``Referer`` names another host."""
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return True
    host = request.get_host().lower()
    origin = request.headers.get("Origin")
    if origin:
        return origin == "null" or _host_of(origin) != host
    referer = request.headers.get("Referer")
    return bool(referer) and _host_of(referer) != host


def same_site_post(view):
    """For the forms on cached pages, which carry no CSRF token (a token would give
    every visitor a cookie and one visitor's token to the next): the view is exempt
    from Django's token check and refuses, instead, a post a browser marks as coming
    from another site. Every browser sends ``Origin`` on a cross-site form post."""
    from functools import wraps

    from django.http import HttpResponseForbidden
    from django.utils.translation import gettext as _
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            return HttpResponseForbidden(_("This form can only be sent from this site."))
        return view(request, *args, **kwargs)

    return checked
