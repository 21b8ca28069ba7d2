from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy import retention


class Command(BaseCommand):
    help = (
        "Apply every retention period declared in the personal-data registry (R-PRIV-4). "
        "With --dry-run, only show what would be purged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what is due; change nothing.")
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument("--max-batches", type=int, default=None)

    def handle(self, *args, dry_run, batch_size, max_batches, **options):
        now = timezone.now()
        due = retention.plan(now)
        verb = "would be" if dry_run else "will be"
        for item in due:
            r = item.declaration.retention
            action = "anonymised" if item.action == "anonymise" else "deleted"
            cutoff = timezone.localtime(item.cutoff).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"{item.label}: {item.count} {verb} {action} ({r.days} days after {r.after}, before {cutoff})"
            )
        if dry_run:
            self.stdout.write(f"Dry run: {sum(i.count for i in due)} rows due, nothing changed.")
            return
        results = retention.apply(now, batch_size, max_batches)
        done = sum(d for d, _ in results.values())
        remaining = sum(r for _, r in results.values())
        self.stdout.write(self.style.SUCCESS(f"Purged {done} rows; {remaining} still due."))
