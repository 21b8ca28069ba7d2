"""How long a campaign to 100,000 subscribers takes to be queued (planned into
batches and delivery rows) and handed to the email backend (anymail's test backend:
everything up to the provider's HTTP call).

    DATABASE_URL=postgres://… .venv/bin/python bench/campaign_send.py [--subscribers N]

Runs in a throwaway database (bench_<name>), created and dropped here; the
database in DATABASE_URL is not touched. SQLite works too, PostgreSQL is what
production runs.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"bench_{Path(database['NAME']).name}"}
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        run(args.subscribers)
    finally:
        teardown_databases(databases, verbosity=0)


def run(count):
    from django.core import mail
    from django.db import connection
    from django.utils import timezone

    from newsletters import sending
    from newsletters.models import Campaign, NewsletterList, Subscriber, Subscription
    from newsletters.tasks import start_campaign

    weekly = NewsletterList.objects.get(slug="this-week")
    now = timezone.now()
    started = time.perf_counter()
    for start in range(0, count, 10_000):
        stop = min(start + 10_000, count)
        subscribers = Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"reader{n}@bench.example",
                    language="zh-hans" if n % 3 == 0 else "en",
                    confirmed_at=now,
                )
                for n in range(start, stop)
            ]
        )
        Subscription.objects.bulk_create(
            [Subscription(subscriber=subscriber, newsletter_list=weekly) for subscriber in subscribers]
        )
    setup_seconds = time.perf_counter() - started

    campaign = Campaign.objects.create(
        title="Benchmark",
        newsletter_list=weekly,
        subject_en="This week in the city",
        subject_zh="本周城市精选",
        body_en=[
            {"type": "heading", "value": "Night markets"},
            {"type": "paragraph", "value": "<p>Where to eat this week, lane by lane.</p>"},
            {"type": "button", "value": {"text": "See the map", "url": "https://longtang.example/map"}},
        ],
        body_zh=[
            {"type": "heading", "value": "夜市"},
            {"type": "paragraph", "value": "<p>本周去哪儿吃，一条条弄堂为你列好。</p>"},
        ],
        status=Campaign.Status.SCHEDULED,
        scheduled_at=now,
    )
    mail.outbox = []

    started = time.perf_counter()
    sending.plan(campaign.pk)
    planned = time.perf_counter() - started
    start_campaign(campaign.pk)  # queues every batch; eager tasks hand each to the backend
    total = time.perf_counter() - started

    report = sending.report(campaign)
    recipients = sum(len(message.anymail_test_params["to"]) for message in mail.outbox)
    assert report["sent"] == count == recipients, (report, recipients)
    print(f"database: {connection.vendor}; batch size {os.environ.get('NEWSLETTER_BATCH_SIZE', 1000)}")
    print(f"subscribers created in {setup_seconds:.1f} s (not part of the send)")
    print(f"queued (planned into {campaign.batches.count()} batches): {planned:.1f} s")
    print(f"handed to the backend: {total - planned:.1f} s in {len(mail.outbox)} provider calls")
    print(f"total: {total:.1f} s for {count:,} subscribers ({count / total:,.0f} per second)")


if __name__ == "__main__":
    main()
