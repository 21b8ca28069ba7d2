import pytest


@pytest.fixture
def calendar(db):
    """Events calendar in English and Chinese."""
    from tests.factories.events import events_calendar

    return events_calendar()
