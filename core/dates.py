"""Relative times and dates that read naturally in every site language.

Django's ``timesince`` gives a bare span ("3 days", in Chinese "3 日"); these helpers
wrap it as a whole phrase ("3 days ago" / "3 天前", "just now" / "刚刚") so that
templates never glue "ago" onto a span themselves, and give a day with its weekday
in each language's order ("Wednesday December 2" / "12月2日 周三").
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext, npgettext_lazy, pgettext, pgettext_lazy

# Our own span words: Django's Chinese catalogue says "日" for a day, not "天".
TIME_STRINGS = {
    "year": npgettext_lazy("time span", "%(num)d year", "%(num)d years", "num"),
    "month": npgettext_lazy("time span", "%(num)d month", "%(num)d months", "num"),
    "week": npgettext_lazy("time span", "%(num)d week", "%(num)d weeks", "num"),
    "day": npgettext_lazy("time span", "%(num)d day", "%(num)d days", "num"),
    "hour": npgettext_lazy("time span", "%(num)d hour", "%(num)d hours", "num"),
    "minute": npgettext_lazy("time span", "%(num)d minute", "%(num)d minutes", "num"),
}

# Monday first, as date.weekday() counts. Chinese dates name the weekday short (周三).
WEEKDAYS = (
    pgettext_lazy("weekday in a date", "Monday"),
    pgettext_lazy("weekday in a date", "Tuesday"),
    pgettext_lazy("weekday in a date", "Wednesday"),
    pgettext_lazy("weekday in a date", "Thursday"),
    pgettext_lazy("weekday in a date", "Friday"),
    pgettext_lazy("weekday in a date", "Saturday"),
    pgettext_lazy("weekday in a date", "Sunday"),
)
# Column heads of a month grid.
WEEKDAYS_SHORT = (
    pgettext_lazy("weekday column", "Mon"),
    pgettext_lazy("weekday column", "Tue"),
    pgettext_lazy("weekday column", "Wed"),
    pgettext_lazy("weekday column", "Thu"),
    pgettext_lazy("weekday column", "Fri"),
    pgettext_lazy("weekday column", "Sat"),
    pgettext_lazy("weekday column", "Sun"),
)

JUST_NOW_SECONDS = 60


def time_span(moment, now=None):
    """The largest whole unit between ``moment`` and now: "3 days" / "3 天"."""
    return timesince(moment, now, time_strings=TIME_STRINGS, depth=1)


def ago(moment, now=None):
    """ "3 days ago" / "3 天前"; under a minute (or in the future) "just now" / "刚刚"."""
    if moment is None:
        return ""
    now = now or timezone.now()
    if isinstance(moment, date) and not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, tzinfo=timezone.get_current_timezone())
    if (now - moment).total_seconds() < JUST_NOW_SECONDS:
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": time_span(moment, now)}


def weekday_name(day):
    return str(WEEKDAYS[day.weekday()])


def weekday_short(day):
    return str(WEEKDAYS_SHORT[day.weekday()])


def day_with_weekday(day):
    """ "Wednesday December 2" / "12月2日 周三" in the active language."""
    return pgettext("a day with its weekday", "%(weekday)s %(date)s") % {
        "weekday": weekday_name(day),
        "date": date_format(day, "MONTH_DAY_FORMAT"),
    }


def day_and_time(day, clock):
    """ "Wednesday December 2, 20:00" / "12月2日 周三 20:00"; ``clock`` is already text."""
    return pgettext("a day with its weekday, then a time", "%(day)s, %(time)s") % {
        "day": day_with_weekday(day),
        "time": clock,
    }
