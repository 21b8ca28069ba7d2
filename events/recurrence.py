"""Repeating events: one rule drives both the listings (EventOccurrence rows) and the
iCalendar RRULE/EXDATE, so a calendar app and the site always agree.

A weekly event repeats on the weekday of its first date; a monthly one on the same
weekday of the month ("second Tuesday", or "last Friday" when the first date falls
in the month's fifth week). Dates listed as exceptions are skipped.
"""

from datetime import UTC, datetime, time, timedelta

from dateutil import rrule
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import SHANGHAI, local

WEEKLY = "weekly"
MONTHLY = "monthly"
# Open-ended series are expanded this far ahead; a daily task keeps extending them.
HORIZON_DAYS = 400
MAX_OCCURRENCES = 400
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MONTHLY_TEXT = {
    1: gettext_lazy("Every month on the first %(weekday)s"),
    2: gettext_lazy("Every month on the second %(weekday)s"),
    3: gettext_lazy("Every month on the third %(weekday)s"),
    4: gettext_lazy("Every month on the fourth %(weekday)s"),
    -1: gettext_lazy("Every month on the last %(weekday)s"),
}


def local_bounds(page):
    """The first occurrence as aware Shanghai datetimes [start, end), end exclusive."""
    start, end = local(page.start), local(page.end)
    if page.all_day:
        start = datetime.combine(start.date(), time(0), tzinfo=SHANGHAI)
        end = datetime.combine(end.date() + timedelta(days=1), time(0), tzinfo=SHANGHAI)
    return start, end


def week_of_month(day):
    """1-4 for the first to fourth weekday of its kind in the month, -1 for a fifth."""
    number = (day.day - 1) // 7 + 1
    return -1 if number == 5 else number


def rule_parts(page):
    """The rule as iCalendar RRULE parts (without UNTIL), or None for a one-off."""
    start, _end = local_bounds(page)
    code = WEEKDAY_CODES[start.weekday()]
    if page.repeat == WEEKLY:
        return {"FREQ": "WEEKLY", "BYDAY": code}
    if page.repeat == MONTHLY:
        return {"FREQ": "MONTHLY", "BYDAY": f"{week_of_month(start.date())}{code}"}
    return None


def _rrule(page, until_naive):
    start, _end = local_bounds(page)
    weekday = rrule.weekdays[start.weekday()]
    if page.repeat == WEEKLY:
        return rrule.rrule(
            rrule.WEEKLY, dtstart=start.replace(tzinfo=None), byweekday=weekday, until=until_naive
        )
    return rrule.rrule(
        rrule.MONTHLY,
        dtstart=start.replace(tzinfo=None),
        byweekday=weekday(week_of_month(start.date())),
        until=until_naive,
    )


def describe(page):
    """The rule in words, in the active language: "Every month on the first Friday"."""
    if page.repeat not in (WEEKLY, MONTHLY):
        return ""
    first = local_bounds(page)[0].date()
    weekday = date_format(first, "l")
    if page.repeat == WEEKLY:
        return _("Every week on %(weekday)s") % {"weekday": weekday}
    return str(MONTHLY_TEXT[week_of_month(first)]) % {"weekday": weekday}


def exception_dates(page):
    return {item.date for item in page.exception_dates.all()}


def expand(page, now=None):
    """Every occurrence of ``page`` as (start, end) in UTC, bounded by its end date,
    the horizon and MAX_OCCURRENCES."""
    start, end = local_bounds(page)
    duration = end - start
    if not page.repeat:
        return [(start.astimezone(UTC), end.astimezone(UTC))]
    now = local(now or timezone.now())
    horizon = max(now, start) + timedelta(days=HORIZON_DAYS)
    until = horizon.replace(tzinfo=None)
    if page.repeat_until:
        until = min(until, datetime.combine(page.repeat_until, time(23, 59, 59)))
    skipped = exception_dates(page)
    found = []
    for moment in _rrule(page, until):
        if moment.date() in skipped:
            continue
        first = moment.replace(tzinfo=SHANGHAI)
        found.append((first.astimezone(UTC), (first + duration).astimezone(UTC)))
        if len(found) >= MAX_OCCURRENCES:
            break
    return found


def refresh_occurrences(page, now=None):
    """Replace the stored occurrences of a live page (called on publish)."""
    from .models import EventOccurrence

    with transaction.atomic():
        EventOccurrence.objects.filter(page_id=page.pk).delete()
        EventOccurrence.objects.bulk_create(
            EventOccurrence(page_id=page.pk, start=start, end=end) for start, end in expand(page, now)
        )


def clear_occurrences(page):
    from .models import EventOccurrence

    EventOccurrence.objects.filter(page_id=page.pk).delete()
