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
