import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


@pytest.fixture
def calendar(db):
    """Events calendar in English and Chinese."""
    from tests.factories.events import events_calendar

    return events_calendar()
