"""Opening hours in Shanghai time: "open now", "closes at 22:00", across midnight.

A venue has periods (weekday, opens, closes). A day without periods is closed; two
periods on one day are split hours; a period whose closing time is not after its
opening time runs past midnight into the next day.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    weekday: int  # 0 = Monday
    opens: time
    closes: time

    @property
    def crosses_midnight(self):
        return self.closes <= self.opens

    def span_on(self, day):
        """The (start, end) datetimes of this period when it starts on ``day``."""
        start = datetime.combine(day, self.opens)
        end = datetime.combine(day + timedelta(days=1) if self.crosses_midnight else day, self.closes)
        return start, end


def local_now():
    return timezone.localtime().replace(tzinfo=None)


def status(periods, now=None):
    """``(is_open, closes_at, next_opening)`` for ``now`` (naive Shanghai time)."""
    now = now or local_now()
    today = now.date()
    candidates = []
    for offset in (-1, 0):  # a period that began yesterday may still be running
        day = today + timedelta(days=offset)
        for period in periods:
            if period.weekday == day.weekday():
                candidates.append(period.span_on(day))
    for start, end in sorted(candidates):
        if start <= now < end:
            return True, end, None
    upcoming = []
    for offset in range(0, 8):
        day = today + timedelta(days=offset)
        for period in periods:
            if period.weekday == day.weekday():
                start, _ = period.span_on(day)
                if start > now:
                    upcoming.append(start)
    return False, None, min(upcoming) if upcoming else None


def is_open_at(periods, now):
    return status(periods, now)[0]


def week_table(periods):
    """Seven rows (weekday, [periods]) from Monday, for the hours table."""
    by_day = {day: [] for day in range(7)}
    for period in sorted(periods, key=lambda p: (p.weekday, p.opens)):
        by_day[period.weekday].append(period)
    return list(by_day.items())


# Written hours, one day at a time: "11:00-14:00, 17:30-22:00", "closed" or empty.
# Used by owners proposing new hours and by the spreadsheet import.
DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CLOSED_WORDS = {"", "closed", "休息", "不营业"}
MAX_PERIODS_PER_DAY = 3


class HoursError(ValueError):
    pass


def _parse_time(text):
    try:
        hour, minute = (int(part) for part in text.strip().split(":"))
        return time(0, 0) if (hour, minute) == (24, 0) else time(hour, minute)  # 24:00 = midnight
    except ValueError as error:  # also raised by time() for 25:00 or 10:75
        raise HoursError(text.strip()) from error


def parse_day(weekday, text):
    """Periods for one weekday from text like "11:00-14:00, 17:30-22:00"."""
    text = text.strip().replace("–", "-").replace("，", ",")
    if text.lower() in CLOSED_WORDS:
        return []
    periods = []
    for chunk in text.split(","):
        opens, sep, closes = chunk.partition("-")
        if not sep:
            raise HoursError(chunk.strip())
        periods.append(Period(weekday, _parse_time(opens), _parse_time(closes)))
    if len(periods) > MAX_PERIODS_PER_DAY:
        raise HoursError(text)
    return periods


def format_day(periods):
    return ", ".join(f"{p.opens:%H:%M}-{p.closes:%H:%M}" for p in sorted(periods, key=lambda p: p.opens))


def parse_week(text):
    """Periods from "mon 11:00-22:00; tue closed; ..."; days not named are closed."""
    periods, seen = [], set()
    for part in filter(None, (p.strip() for p in text.split(";"))):
        code, _, rest = part.partition(" ")
        code = code.lower()[:3]
        if code not in DAY_CODES or code in seen:
            raise HoursError(part)
        seen.add(code)
        periods += parse_day(DAY_CODES.index(code), rest)
    return periods


def format_week(periods):
    return "; ".join(
        f"{DAY_CODES[day]} {format_day(day_periods)}"
        for day, day_periods in week_table(periods)
        if day_periods
    )


def next_change(times, now):
    """The next moment after ``now`` (naive local) at which any of ``times`` (opening
    or closing times of day) comes round: when "open now" may change."""
    upcoming = [datetime.combine(now.date(), t) for t in times]
    upcoming = [moment if moment > now else moment + timedelta(days=1) for moment in upcoming]
    return min(upcoming, default=None)
