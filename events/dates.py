"""Calendar arithmetic in Shanghai time: days, weekends and month grids.

Times are stored in UTC; a visitor's "today" and "this weekend" are Shanghai's.
Shanghai keeps one offset all year (no daylight saving), but nothing here relies
on that: every conversion goes through the time zone database.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.dates import day_and_time, day_with_weekday

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A night out belongs to the day it began: an event running past midnight is listed
# on the next day only if it is still on at this hour (exhibitions, festivals).
NIGHT_ENDS = time(6)
WEEKEND_STARTS = time(18)  # Friday evening


def local(moment):
    return moment.astimezone(SHANGHAI)


def local_now():
    return local(timezone.now())


def at(day, clock=time(0)):
    """The aware moment of ``clock`` on ``day`` in Shanghai."""
    return datetime.combine(day, clock, tzinfo=SHANGHAI)


def day_window(day):
    """[start, end) of a calendar day in Shanghai."""
    return at(day), at(day + timedelta(days=1))


def weekend_window(now=None):
    """Friday 18:00 to Monday 00:00 of this week (Monday to Sunday): on a weekday the
    coming weekend, on Friday night, Saturday or Sunday the one under way."""
    now = local(now or timezone.now())
    friday = now.date() + timedelta(days=4 - now.weekday())
    return at(friday, WEEKEND_STARTS), at(friday + timedelta(days=3))


def month_weeks(year, month):
    """The weeks (Monday first) covering a month, as lists of dates."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_window(year, month):
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return at(first), at(following)


def shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def is_on_day(start, end, day):
    """Whether an occurrence [start, end) is listed on ``day``: it begins that day,
    or it began earlier and is still on after the night (see NIGHT_ENDS)."""
    day_start, day_end = day_window(day)
    return start < day_end and (start >= day_start or end > at(day, NIGHT_ENDS))


def format_day(day):
    """ "Saturday March 7" / "3月7日 周六" in the active language."""
    return day_with_weekday(day)


def format_span(start, end, all_day=False):
    """A readable span in Shanghai time, e.g. "Friday 6 March, 22:00 – Saturday
    7 March, 02:00". ``end`` is exclusive for all-day events."""
    start, end = local(start), local(end)
    if all_day:
        last = (end - timedelta(days=1)).date()
        if last <= start.date():
            return format_day(start.date())
        return f"{format_day(start.date())} – {format_day(last)}"
    if start.date() == end.date():
        return day_and_time(start.date(), f"{start:%H:%M}–{end:%H:%M}")
    return f"{day_and_time(start.date(), f'{start:%H:%M}')} – {day_and_time(end.date(), f'{end:%H:%M}')}"
