import os

import pytest
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def anymail_test_backend(django_test_environment):
    """Django's test set-up swaps in its locmem backend; use settings/test.py's (anymail's
    test backend), which fills mail.outbox too and keeps what the provider would get."""
    from django.conf import settings

    from settings import test

    settings.EMAIL_BACKEND = test.EMAIL_BACKEND


@pytest.fixture(autouse=True)
def reset_language():
    """Every test starts, and leaves, with English active."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no rate-limit counts, cached pages or
    fragments left by the one before (settings/test.py gives each xdist worker its
    own Redis database, so this never empties another worker's)."""
    from django.core.cache import caches

    from core import page_cache

    def empty():
        for alias in ("default", "pages"):
            caches[alias].clear()
        page_cache.forget_generations()

    empty()
    yield
    empty()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_page(db):
    from tests.factories.pages import english_home

    return english_home()


@pytest.fixture
def demo_site(db):
    """The demo page tree in both languages (home and about), as `make run` builds it."""
    from home import demo

    return demo.build()


@pytest.fixture
def guide(db):
    """The city guide (articles' index page), in English and Chinese."""
    from tests.factories import articles

    return articles.guide()


@pytest.fixture
def food(guide):
    from tests.factories import articles

    return articles.topic()


@pytest.fixture
def restaurants(db):
    """Directory → Restaurants, in English and Chinese."""
    from tests.factories.directory import restaurants_category

    return restaurants_category()


def require_or_skip(env_flag, reason):
    """Skip when a capability is missing, unless CI says it must be there."""
    if os.environ.get(env_flag):
        pytest.fail(f"{reason} (required because {env_flag} is set)")
    pytest.skip(reason)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """A transactional test empties every table when it ends. Without a serialized
    rollback the next one would start without the data migrations made (locales,
    home page, city data), so insist on it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        names = set(getattr(item, "fixturenames", ()))
        transactional = (marker and marker.kwargs.get("transaction")) or names & {
            "transactional_db",
            "live_server",
        }
        serialized = (
            marker and marker.kwargs.get("serialized_rollback")
        ) or "django_db_serialized_rollback" in names
        if transactional and not serialized:
            raise pytest.UsageError(
                f"{item.nodeid}: transactional tests must also ask for serialized_rollback=True "
                "(or the django_db_serialized_rollback fixture)."
            )
    # A real Celery worker installs Django's worker fixup, which closes and resets
    # database connections in-process: run those tests after every database test.
    workers = [item for item in items if item.get_closest_marker("worker")]
    items[:] = [item for item in items if not item.get_closest_marker("worker")] + workers


QUERY_COUNT_FIXTURES = {"django_assert_num_queries", "django_assert_max_num_queries"}


@pytest.fixture(autouse=True)
def uncached_when_counting_queries(request, settings):
    """A query pin measures the page as rendered, not the page cache's copy (which
    costs none): tests that count queries run with the page cache off."""
    if QUERY_COUNT_FIXTURES & set(request.fixturenames):
        settings.PAGE_CACHE_SECONDS = 0
