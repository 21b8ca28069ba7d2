"""Search latency (p50/p95) of a fixed mix of English, Chinese, pinyin and mixed
queries over 100,000 listings and 5,000 venues on PostgreSQL.

    make bench-search
    DATABASE_URL=postgres://… .venv/bin/python bench/search/latency.py [--listings N] [--venues N] [--rounds N] [--keepdb]

Runs in a throwaway database (bench_search_<name>), created, filled with
bench/search/dataset.py and dropped here; the database in DATABASE_URL is not
touched. ``--keepdb`` keeps it (and reuses its data on the next run).

Two figures per query: the search itself as the search page runs it (counts for
every result type and the first page of the chosen type, through the ORM), and
the whole search page (``GET /en/search/?q=…``, templates included).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

QUERY_MIX = [
    "apartment",
    "apartments near metro",
    "2-bedroom flat jing'an",
    "lane house",
    "barista",
    "english teacher visa",
    "city bike",
    "coffee",
    "两房",
    "静安 公寓",
    "浦东新区两房",
    "近地铁 精装修",
    "招聘咖啡师",
    "二手自行车",
    "靜安區公寓",
    "jingan",
    "xintiandi",
    "xin tian di",
    "xujiahui apartment",
    "gym 健身房",
]


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keepdb", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://…")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"bench_search_{Path(database['NAME']).name}"}
    databases = setup_databases(verbosity=0, interactive=False, keepdb=args.keepdb)
    import dataset  # bench/search/dataset.py, next to this file

    try:
        from classifieds.models import Listing

        if Listing.objects.count() < args.listings:
            started = time.perf_counter()
            dataset.build(args.listings, args.venues)
            print(f"dataset built in {time.perf_counter() - started:.0f} s")
        run(args.rounds)
    finally:
        if not args.keepdb:
            teardown_databases(databases, verbosity=0)


def run(rounds):
    from django.db import connection
    from django.test import Client
    from django.test.client import RequestFactory
    from django.utils import translation

    from classifieds.models import Listing
    from directory.models import VenuePage
    from search import views

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"data: {Listing.objects.count():,} listings ({Listing.objects.visible().count():,} visible), "
        f"{VenuePage.objects.count():,} venues"
    )

    factory = RequestFactory()
    client = Client()

    def search_only(query):
        request = factory.get("/en/search/", {"q": query})
        request.user = _anonymous()
        request.LANGUAGE_CODE = "en"
        with translation.override("en"):
            results = views.run_searches(request, query, views.Filters(request))
            list(results[views.pick_type(None, results)][: views.RESULTS_PER_PAGE])
        return {name: found.total for name, found in results.items()}

    def page(query):
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200, response.status_code

    for label, measure in [("search (counts + first page)", search_only), ("search page, HTML", page)]:
        for query in QUERY_MIX:  # warm-up
            measure(query)
        samples = []
        per_query = {}
        for _ in range(rounds):
            for query in QUERY_MIX:
                started = time.perf_counter()
                measure(query)
                elapsed = (time.perf_counter() - started) * 1000
                samples.append(elapsed)
                per_query.setdefault(query, []).append(elapsed)
        print(
            f"{label}: {len(samples)} runs, p50 {percentile(samples, 0.5):.1f} ms, "
            f"p95 {percentile(samples, 0.95):.1f} ms, max {max(samples):.1f} ms"
        )
        for query, times in per_query.items():
            print(f"    {query:<26} median {statistics.median(times):7.1f} ms")
    counts = search_only("两房")
    print(
        "results for 两房 (counted up to the limit):",
        ", ".join(f"{name} {count:,}" for name, count in counts.items()),
    )


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


if __name__ == "__main__":
    main()
