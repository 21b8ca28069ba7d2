"""Abuse limits on messaging (R-LOG-3): per member and per IP address, lower for new
accounts, and a hold on the same text sent to many members.

Every number can be changed with a ``MESSAGING_LIMITS`` setting (same keys).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ratelimit import allow
from core.request_log import client_ip

DAY = 86400


@dataclass(frozen=True)
class Limit:
    per_user: int
    per_user_new: int  # accounts younger than NEW_ACCOUNT_DAYS
    per_ip: int
    period: int
    message: str


DEFAULTS = {
    "thread": Limit(
        20, 5, 60, DAY, _("You have started many conversations today. Please try again tomorrow.")
    ),
    "message": Limit(300, 60, 600, DAY, _("You have sent many messages today. Please try again tomorrow.")),
    "burst": Limit(
        12, 6, 30, 60, _("You are sending messages very quickly. Please wait a minute and try again.")
    ),
    "enquiry": Limit(10, 3, 30, DAY, _("You have sent many enquiries today. Please try again tomorrow.")),
    "report": Limit(20, 10, 60, DAY, _("You have sent many reports today. Please try again tomorrow.")),
}
NEW_ACCOUNT_DAYS = 7
# The same text in more than this many other conversations within a day is held.
REPEAT_THREADS = 5
REPEAT_WINDOW = timedelta(days=1)


def limit_for(action):
    override = getattr(settings, "MESSAGING_LIMITS", {}).get(action)
    return override or DEFAULTS[action]


def is_new_account(user):
    days = getattr(settings, "MESSAGING_NEW_ACCOUNT_DAYS", NEW_ACCOUNT_DAYS)
    return timezone.now() - user.date_joined < timedelta(days=days)


class LimitReached(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def check(request, *actions):
    """Count one hit on each action for the member and their IP address; raise
    ``LimitReached`` with a message for people when one is over its limit."""
    user = request.user
    ip = client_ip(request) or "unknown"
    for action in actions:
        limit = limit_for(action)
        per_user = limit.per_user_new if is_new_account(user) else limit.per_user
        user_ok = allow(f"msg-{action}:user:{user.pk}", limit=per_user, period=limit.period)
        ip_ok = allow(f"msg-{action}:ip:{ip}", limit=limit.per_ip, period=limit.period)
        if not (user_ok and ip_ok):
            raise LimitReached(limit.message)


def fingerprint(text):
    """The same words, whatever the case, spacing or punctuation, give the same hash."""
    normalised = re.sub(r"[\W_]+", " ", text.casefold()).strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


def is_repeated_widely(sender, thread, print_):
    """True when ``sender`` sent the same text to many other conversations lately."""
    from .models import Message

    threshold = getattr(settings, "MESSAGING_REPEAT_THREADS", REPEAT_THREADS)
    others = (
        Message.objects.filter(
            sender=sender, fingerprint=print_, created_at__gte=timezone.now() - REPEAT_WINDOW
        )
        .exclude(thread=thread)
        .values("thread")
        .distinct()
    )
    return others.count() >= threshold
