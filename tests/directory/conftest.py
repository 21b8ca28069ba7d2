from datetime import time

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


EVERY_DAY_LUNCH_DINNER = [(d, time(11), time(14)) for d in range(7)] + [
    (d, time(17), time(22)) for d in range(7)
]
LATE_BAR_CLOSED_MONDAY = [(d, time(19), time(2)) for d in range(1, 7)]
