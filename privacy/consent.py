"""Cookie consent (R-LOG-2) on top of django-cookie-consent.

Four groups, created by a data migration: ``necessary`` (always on), ``preferences``,
``analytics`` and ``advertising``. The visitor's choice lives in the consent cookie;
every change is logged as cookie_consent ``LogItem`` rows.

Anything that reads the visitor's consent while rendering marks the request, and
``ConsentVaryMiddleware`` then adds ``Vary: Cookie`` so no shared cache hands one
visitor's banner or scripts to another.
"""

import logging

from cookie_consent.cache import all_cookie_groups
from cookie_consent.conf import settings as consent_settings
from cookie_consent.middleware import CleanCookiesMiddleware as LibraryCleanCookiesMiddleware
from cookie_consent.models import ACTION_ACCEPTED, ACTION_DECLINED, CookieGroup, LogItem
from cookie_consent.util import (
    get_cookie_dict_from_request,
    get_cookie_value_from_request,
    is_cookie_consent_enabled,
    set_cookie_dict_to_response,
)
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NECESSARY, PREFERENCES, ANALYTICS, ADVERTISING = "necessary", "preferences", "analytics", "advertising"

GROUP_TEXT = {
    NECESSARY: (
        _("Strictly necessary"),
        _(
            "Keep you signed in, protect our forms against forgery and remember your language "
            "and these choices. The site cannot work without them, so they cannot be switched off."
        ),
    ),
    PREFERENCES: (
        _("Preferences"),
        _(
            "Remember the districts and filters you picked when browsing listings, and how "
            "recently we showed you a notice, so we do not show it again too soon."
        ),
    ),
    ANALYTICS: (
        _("Analytics"),
        _(
            "Let an analytics service count visits and see which pages are read, so we know "
            "what to improve. Its script loads only after you accept."
        ),
    ),
    ADVERTISING: (
        _("Advertising"),
        _(
            "Let advertising partners show ads that fit your interests and measure whether "
            "they work. Their scripts load only after you accept."
        ),
    ),
}

# What each cookie the data migration creates does, in both languages. Cookies added
# in the admin show their own (untranslated) description.
COOKIE_TEXT = {
    "sessionid": _("Keeps you signed in."),
    "csrftoken": _("Protects forms against being sent from other sites."),
    "longtang_language": _("Remembers the language you chose."),
    "cookie_consent": _("Remembers which cookies you accepted or declined."),
    "messages": _("Shows a confirmation once after you save something."),
    "longtang_filters": _("Remembers the districts and filters you picked."),
    "longtang_notices": _("Remembers when we last showed you a notice."),
    "_ga": _("Tells visits apart for the analytics service."),
    "_gid": _("Tells today's visits apart for the analytics service."),
    "_gcl_au": _("Measures whether an ad led to a visit."),
}

MARK = "_privacy_consent_read"


def mark_consent_read(request):
    """This response depends on the visitor's consent: caches must vary on Cookie."""
    if request is not None:
        setattr(request, MARK, True)


def group_text(group):
    name, description = GROUP_TEXT.get(group.varname, (group.name, group.description))
    return {"name": name, "description": description}


def optional_groups():
    """The groups a visitor may accept or decline, in display order."""
    return sorted(all_cookie_groups().values(), key=lambda g: (g.ordering, g.pk))


def has_consent(request, varname):
    """True only when the visitor accepted the cookie group ``varname``."""
    mark_consent_read(request)
    if request is None or not is_cookie_consent_enabled(request):
        return False
    return get_cookie_value_from_request(request, varname) is True


def state(request, group):
    """ "accepted", "declined" or "" (not decided yet)."""
    value = get_cookie_value_from_request(request, group.varname)
    return {True: "accepted", False: "declined"}.get(value, "")


def undecided_groups(request):
    mark_consent_read(request)
    return [g for g in optional_groups() if state(request, g) == ""]


def groups_for_display(request):
    """Every group, necessary first, with its translated text, cookies and state."""
    mark_consent_read(request)
    required = (
        CookieGroup.objects.filter(is_required=True).prefetch_related("cookie_set").order_by("ordering")
    )
    shown = []
    for group in [*required, *optional_groups()]:
        shown.append(
            {
                "varname": group.varname,
                "required": group.is_required,
                "state": "accepted" if group.is_required else state(request, group),
                "cookies": [
                    {
                        "name": c.name,
                        "domain": c.domain,
                        "description": COOKIE_TEXT.get(c.name, c.description),
                    }
                    for c in sorted(group.cookie_set.all(), key=lambda c: c.pk)
                ],
                **group_text(group),
            }
        )
    return shown


def record_choice(request, response, accepted, declined):
    """Store the visitor's choice in the consent cookie, delete the cookies of declined
    groups, and log every decision (cookie_consent ``LogItem``)."""
    choice = get_cookie_dict_from_request(request)
    for group in accepted:
        choice[group.varname] = group.get_version()
    for group in declined:
        choice[group.varname] = consent_settings.COOKIE_CONSENT_DECLINE
        if group.is_deletable:
            for cookie in group.cookie_set.all():
                response.delete_cookie(cookie.name, cookie.path, cookie.domain or None)
    if consent_settings.COOKIE_CONSENT_LOG_ENABLED:
        LogItem.objects.bulk_create(
            [LogItem(action=ACTION_ACCEPTED, cookiegroup=g, version=g.get_version()) for g in accepted]
            + [LogItem(action=ACTION_DECLINED, cookiegroup=g, version=g.get_version()) for g in declined]
        )
    set_cookie_dict_to_response(response, choice)
    patch_vary_headers(response, ["Cookie"])


class ConsentVaryMiddleware:
    """Adds ``Vary: Cookie`` to every response rendered from the visitor's consent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, MARK, False):
            patch_vary_headers(response, ["Cookie"])
        return response


class CleanCookiesMiddleware(LibraryCleanCookiesMiddleware):
    """django-cookie-consent's middleware that deletes cookies of groups the visitor
    has not accepted, made safe for a request without cookies (nothing to clean: no
    cache lookup) and for an unreachable cache (the health check must still answer)."""

    def process_response(self, request, response):
        if not request.COOKIES:
            return response
        try:
            return super().process_response(request, response)
        except Exception:  # noqa: BLE001 - cleaning cookies must never break a response
            logger.exception("Could not clean non-consented cookies")
            return response
