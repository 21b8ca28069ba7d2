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
