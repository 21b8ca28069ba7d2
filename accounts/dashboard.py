"""The "My posts" dashboard and the public profile are assembled from sections
that each app registers from its own ``AppConfig.ready`` — the dashboard never
imports a domain app.

    from accounts.dashboard import Section, dashboard

    dashboard.register(Section(
        key="listings",
        title=_("Listings"),
        template="classifieds/dashboard_section.html",
        get_items=lambda user: Listing.objects.owned_by(user).select_related(...),
        empty_text=_("You have not posted a listing yet."),
        order=10,
    ))

``get_items`` must run a constant number of queries whatever the number of items
(the dashboard's query count is pinned by a test). The template receives
``section`` and ``items``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    get_items: Callable
    empty_text: str = ""
    order: int = 100


class SectionRegistry:
    def __init__(self):
        self._sections = {}

    def register(self, section):
        if section.key in self._sections:
            raise ValueError(f"Section {section.key!r} is registered twice")
        self._sections[section.key] = section

    def unregister(self, key):
        self._sections.pop(key, None)

    def __iter__(self):
        return iter(sorted(self._sections.values(), key=lambda s: (s.order, s.key)))

    def render_data(self, user):
        """Each section with its items, evaluated now (lists, not querysets)."""
        return [{"section": s, "items": list(s.get_items(user))} for s in self]


# Everything a member owns, for the member's eyes only.
dashboard = SectionRegistry()
# A member's published posts, shown on their public profile.
public_profile = SectionRegistry()
