import pytest

from tests.factories import articles as factories


@pytest.fixture
def nightlife(guide):
    return factories.topic("Nightlife", "nightlife", "夜生活")


@pytest.fixture
def mei(guide):
    return factories.author()
