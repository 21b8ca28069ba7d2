"""Page throughput (req/s, p50/p99, CPU per request) of the public site under
gunicorn with the production settings, cold (page cache off) and warm (page cache
on), against a bare Django view returning as many bytes as the home page.

    make bench-pages
    .venv/bin/python bench/pages.py [--duration S] [--rounds N] [--connections N] [--workers N]
                                    [--keepdb] [--only cold|warm]

Needs ``wrk`` (``apt-get install wrk``), PostgreSQL at 127.0.0.1:5432 and Redis at
127.0.0.1:6379. The site runs on a throwaway database, lt_bench (``--database-url``),
dropped and rebuilt with ``manage.py load_demo_content`` (``--keepdb`` reuses it), and
Redis database 15 (``--redis-db``) for its cache and broker, emptied before and after.

Three gunicorn servers run side by side with the same settings (sync workers,
``--workers``): the site with ``PAGE_CACHE_SECONDS=0`` (cold), the site with
``PAGE_CACHE_SECONDS=600`` (warm), and the ceiling (bench/pages_ceiling/ceiling.py).
Requests carry ``X-Forwarded-Proto: https``, as from the load balancer that
terminates TLS. The pages are picked from the demo content (the first venue, the
first housing listing, …); after a one-second warm-up of each, every round runs
``wrk`` on every page of both servers and on the ceiling in turn, so slow drifts of
the machine spread over all of them. CPU per request is the workers' user + system
time (/proc) over the round divided by its requests. Figures are medians over the
rounds; "ceiling" is each page's req/s over the ceiling's, measured in the same
rounds: on a shared machine the ratios mean something, the absolute numbers little.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Sent with every request, as by the load balancer that terminates TLS (and, with
# --gzip, by a browser).
HEADERS = {"X-Forwarded-Proto": "https"}
MODES = {"cold": "0", "warm": "600"}

# The URLs, picked from the demo content. Printed as JSON by a child process that
# runs with the site's settings, so this one never imports Django.
PICK_URLS = r"""
import json
from django.utils.http import urlencode
from wagtail.models import Page
from articles.models import ArticlePage
from classifieds.models import Listing
from directory.models import DirectoryCategoryPage, VenuePage
from events.models import EventIndexPage
from home.models import HomePage


def first(model, language):
    page = (
        model.objects.live().public().filter(locale__language_code=language).order_by("path").first()
    )
    if page is None:
        raise SystemExit(f"no live {model.__name__} in {language} in the demo content")
    return page


pages = []
for language, tag in [("en", "en"), ("zh-hans", "zh")]:
    pages.append((f"home {tag}", first(HomePage, language).get_url()))
pages.append(("directory category en", first(DirectoryCategoryPage, "en").get_url()))
venue = {language: first(VenuePage, language) for language in ("en", "zh-hans")}
pages += [("venue en", venue["en"].get_url()), ("venue zh", venue["zh-hans"].get_url())]
listing = Listing.objects.visible().filter(kind="housing").order_by("pk").first()
if listing is None:
    raise SystemExit("no visible housing listing in the demo content")
filters = {"sort": "price-low"}
if listing.district_id:
    filters["district"] = listing.district.code
if listing.bedrooms:
    filters["bedrooms"] = listing.bedrooms
housing = listing.get_absolute_url().rsplit("/", 2)[0] + "/"
pages.append(("housing, filtered en", housing + "?" + urlencode(filters)))
pages.append(("listing en", listing.get_absolute_url()))
calendar = {language: first(EventIndexPage, language).get_url() for language in ("en", "zh-hans")}
pages += [("calendar month en", calendar["en"] + "month/"), ("calendar month zh", calendar["zh-hans"] + "month/")]
article = {language: first(ArticlePage, language) for language in ("en", "zh-hans")}
pages += [("article en", article["en"].get_url()), ("article zh", article["zh-hans"].get_url())]
words = [word for word in venue["en"].title.split() if word.isalpha()]
pages.append(("search en", "/en/search/?" + urlencode({"q": (words or ["coffee"])[-1].lower()})))
pages.append(("search zh", "/zh-hans/search/?" + urlencode({"q": venue["zh-hans"].title[:2]})))
print(json.dumps(pages))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds of wrk per page and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--connections", type=int, help="wrk connections (default: one per worker; more only queue)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (production runs 4)")
    parser.add_argument(
        "--gzip",
        action="store_true",
        help="send Accept-Encoding: gzip (pages go compressed, the ceiling not)",
    )
    parser.add_argument("--keepdb", action="store_true", help="reuse lt_bench (and keep it)")
    parser.add_argument("--only", choices=sorted(MODES), help="measure one mode only")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_PAGES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lt_bench"),
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=15)
    args = parser.parse_args()
    args.connections = args.connections or args.workers
    args.threads = min(args.threads, args.connections)
    if args.gzip:
        HEADERS["Accept-Encoding"] = "gzip"

    # A terminated run stops its servers and drops its database too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    if not shutil.which("wrk"):
        sys.exit("This benchmark drives the site with wrk: apt-get install wrk")
    database_created = prepare_database(args.database_url, args.keepdb)
    env = site_environment(args)
    servers = []
    try:
        flush_redis(args)
        run_manage(env, "collectstatic", "--noinput", "-v0")
        pages = json.loads(run_manage(env, "shell", "-c", PICK_URLS).strip().splitlines()[-1])
        modes = [args.only] if args.only else list(MODES)
        for mode in modes:
            servers.append(Server(mode, {**env, "PAGE_CACHE_SECONDS": MODES[mode]}, args.workers))
        for server in servers:
            server.wait()
        home = servers[0].get(pages[0][1])
        ceiling = Server("ceiling", {**env, "BENCH_CEILING_BYTES": str(len(home.body))}, args.workers)
        servers.append(ceiling)
        ceiling.wait()
        run(args, pages, servers)
    finally:
        for server in servers:
            server.stop()
        flush_redis(args)
        if database_created and not args.keepdb:
            drop_database(args.database_url)


def run(args, pages, servers):
    ceiling = servers[-1]
    sites = servers[:-1]
    targets = [(ceiling, "ceiling (bare view)", "/")] + [
        (server, label, path) for server in sites for label, path in pages
    ]
    sizes = {}
    for server, label, path in targets:
        response = server.get(path)
        if response.status != 200:
            sys.exit(f"{server.name} {path}: HTTP {response.status}")
        sizes[server.name, label] = len(response.body)
    print(
        f"{len(pages)} pages, {args.rounds} rounds of {args.duration} s, wrk {args.threads} threads / "
        f"{args.connections} connections; gunicorn {args.workers} sync workers per server, "
        f"settings.production, PostgreSQL {args.database_url.rsplit('/', 1)[-1]}, Redis db {args.redis_db}; "
        f"{os.cpu_count()} cores" + ("; Accept-Encoding: gzip" if args.gzip else "")
    )
    for label, path in pages:
        print(f"    {label:<24} {path}")

    started = time.monotonic()
    for server, _label, path in targets:  # warm-up: imports, template loading, caches
        wrk(args, server, path, duration=1)
    results = {}
    for _ in range(args.rounds):
        for server, label, path in targets:
            before = server.cpu_seconds()
            measured = wrk(args, server, path, duration=args.duration)
            measured["cpu"] = server.cpu_seconds() - before
            results.setdefault((server.name, label), []).append(measured)
    seen = {
        (server.name, label): server.get(path).headers.get("X-Page-Cache", "-")
        for server, label, path in targets
    }

    ceiling_rps = statistics.median(r["rps"] for r in results[ceiling.name, "ceiling (bare view)"])
    header = (
        f"{'page':<24} {'bytes':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms/req':>10} {'ceiling':>7}  X-Page-Cache"
    )
    for server in [ceiling, *sites]:
        if server is ceiling:
            print(f"\nceiling: a bare Django view, {sizes[ceiling.name, 'ceiling (bare view)']:,} bytes")
        else:
            print(f"\n{server.name} (PAGE_CACHE_SECONDS={MODES[server.name]})")
        print(header)
        for (name, label), rounds in results.items():
            if name != server.name:
                continue
            requests = sum(r["requests"] for r in rounds)
            rps = statistics.median(r["rps"] for r in rounds)
            errors = sum(r["errors"] for r in rounds)
            print(
                f"{label:<24} {sizes[name, label]:>7,} {rps:>7.0f} "
                f"{statistics.median(r['p50'] for r in rounds):>7.1f} "
                f"{statistics.median(r['p99'] for r in rounds):>7.1f} "
                f"{1000 * sum(r['cpu'] for r in rounds) / max(requests, 1):>10.1f} "
                f"{rps / ceiling_rps:>7.3f}  {seen[name, label]}"
                + (f"  ({errors} errors or non-2xx answers)" if errors else "")
            )
    print(
        f"\nmeasured in {time.monotonic() - started:.0f} s; worker memory after the run (RSS, and USS: its own pages):"
    )
    for server in servers:
        rss, uss = server.rss_mib(), server.unique_mib()
        print(
            f"    {server.name:<8} {len(rss)} workers, RSS {' / '.join(f'{value:.0f}' for value in rss)} MiB,"
            f" USS {' / '.join(f'{value:.0f}' for value in uss)} MiB"
        )


def wrk(args, server, path, duration):
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={duration}s",
        "--latency",
        *[f"--header={name}: {value}" for name, value in HEADERS.items()],
        server.url + path,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(output)


def parse_wrk(output):
    def milliseconds(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]

    latency = {
        percent: milliseconds(value, unit)
        for percent, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency["50"],
        "p99": latency["99"],
        "requests": requests,
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


class Server:
    """One gunicorn master on a free local port; its workers are its children."""

    def __init__(self, name, env, workers):
        self.name = name
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        app = ["--pythonpath", str(HERE / "pages_ceiling"), "ceiling:application"]
        if name != "ceiling":
            # As production runs: the application preloaded in the master (shared memory).
            app = [
                "--config",
                str(ROOT / "deploy" / "gunicorn" / "gunicorn.conf.py"),
                # No worker recycling during a run: CPU is counted per worker process.
                "--max-requests=0",
                "--max-requests-jitter=0",
                "settings.wsgi:application",
            ]
        self.log = open(Path(tempfile.gettempdir()) / f"bench-pages-{name}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                GUNICORN,
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--no-control-socket",
                *app,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn ({self.name}) exited, see {self.log.name}")
            try:
                self.get("/")
                return
            except OSError:
                time.sleep(0.5)
        sys.exit(f"gunicorn ({self.name}) did not answer within {timeout} s, see {self.log.name}")

    def get(self, path):
        request = urllib.request.Request(self.url + path, headers=HEADERS)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local server
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self):
        total = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / CLOCK_TICKS

    def rss_mib(self):
        values = []
        for pid in self.workers():
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            values.append(pages * PAGE_SIZE / 2**20)
        return values

    def unique_mib(self):
        """Memory each worker holds alone (USS: private pages), without what it shares
        with the master and the other workers."""
        values = []
        for pid in self.workers():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            except FileNotFoundError:
                continue
            kib = sum(
                int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean", "Private_Dirty"))
            )
            values.append(kib / 1024)
        return values

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(args):
    """What settings/production.py needs, for a benchmark on this machine."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url,
        REDIS_URL=f"{args.redis_url}/{args.redis_db}",
        REDIS_CACHE_DB=str(args.redis_db),
        REDIS_BROKER_DB=str(args.redis_db),
        PAYMENTS_SELLER_NAME="Longtang bench",
        PAYMENTS_SELLER_TAX_ID="bench",
        WAGTAILADMIN_BASE_URL="https://127.0.0.1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("MAILGUN_API_KEY", None)
    return env


def run_manage(env, *command):
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(command[:1])} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def flush_redis(args):
    import redis

    redis.Redis.from_url(f"{args.redis_url}/{args.redis_db}").flushdb()


def _admin(database_url):
    import psycopg

    url = database_url.rsplit("/", 1)
    return psycopg.connect(f"{url[0]}/postgres", autocommit=True), url[1]


def prepare_database(database_url, keepdb):
    """Create the database and load the demo content; with keepdb reuse it when it is
    there. True when this run created it."""
    from psycopg import sql

    connection, name = _admin(database_url)
    with connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keepdb and _has_demo_content(database_url):
            env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "settings.dev"}
            run_manage(env, "migrate", "--noinput", "-v0")
            return False
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    started = time.perf_counter()
    # Built in process (no Redis, tasks run eagerly), as `make demo` does; a new
    # database has no cached page to purge.
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="settings.dev", PAGE_CACHE_SECONDS="0")
    run_manage(env, "migrate", "--noinput", "-v0")
    run_manage(env, "load_demo_content")
    print(f"{name}: migrated and demo content loaded in {time.perf_counter() - started:.0f} s")
    return True


def _has_demo_content(database_url):
    import psycopg

    try:
        with psycopg.connect(database_url) as connection:
            return bool(connection.execute("SELECT 1 FROM home_homepage LIMIT 1").fetchone())
    except psycopg.Error:
        return False


def drop_database(database_url):
    from psycopg import sql

    connection, name = _admin(database_url)
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()
