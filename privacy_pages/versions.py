"""The public versions of a policy page and their keys.

A version is named by the day it took effect (Shanghai time): "2026-03-01". A change
published in both languages on the same day has the same key in each, where revision
numbers never match, so the language switcher and hreflang links find it; a version
the other language lacks sends the switcher to that language's history. A second
version published the same day is "2026-03-01-2", a third "2026-03-01-3".
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

KEY_PATTERN = r"\d{4}-\d{2}-\d{2}(?:-[1-9]\d*)?"


@dataclass(frozen=True)
class Version:
    key: str
    timestamp: datetime
    revision_id: int


def keyed_versions(entries):
    """Versions for publish log entries (any order), newest first. Keys depend only
    on earlier publications, so a version's URL never changes."""
    ordered = sorted(entries, key=lambda entry: (entry.timestamp, entry.pk))
    per_day = {}
    versions = []
    for entry in ordered:
        day = timezone.localdate(entry.timestamp, timezone.get_default_timezone()).isoformat()
        per_day[day] = per_day.get(day, 0) + 1
        key = day if per_day[day] == 1 else f"{day}-{per_day[day]}"
        versions.append(Version(key, entry.timestamp, entry.revision_id))
    versions.reverse()
    return versions
