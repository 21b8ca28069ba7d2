"""The four newsletter lists, and members who ticked "newsletters" in their
notification settings subscribed (confirmed: they asked while signed in, with a
verified address) to the two general newsletters."""

from django.db import migrations
from django.utils import timezone

LISTS = [
    ("this-week", "This week in the city", "本周城市精选", "The best of the week: what's new, what's on, where to go.", "一周精华：新鲜事、好活动、好去处。", True),
    ("events-digest", "Events digest", "活动精选", "Concerts, exhibitions and meet-ups coming up in the city.", "城中即将举办的演出、展览和聚会。", True),
    ("jobs-alerts", "Jobs alerts", "招聘提醒", "New job listings as they are posted.", "新发布的招聘信息。", False),
    ("housing-alerts", "Housing alerts", "租房提醒", "New flats and rooms for rent.", "新发布的整租和合租房源。", False),
]
GENERAL = ["this-week", "events-digest"]


def create_lists(apps, schema_editor):
    NewsletterList = apps.get_model("newsletters", "NewsletterList")
    for order, (slug, name_en, name_zh, description_en, description_zh, promotional) in enumerate(LISTS):
        NewsletterList.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_zh": name_zh,
                "description_en": description_en,
                "description_zh": description_zh,
                "promotional": promotional,
                "sort_order": order,
            },
        )


def fold_profile_choices(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    NewsletterList = apps.get_model("newsletters", "NewsletterList")
    Subscriber = apps.get_model("newsletters", "Subscriber")
    Subscription = apps.get_model("newsletters", "Subscription")
    general = list(NewsletterList.objects.filter(slug__in=GENERAL))
    now = timezone.now()
    for profile in Profile.objects.filter(newsletter=True).select_related("user").iterator():
        email = (profile.user.email or "").strip().lower()
        if not email or Subscriber.objects.filter(email=email).exists():
            continue
        subscriber = Subscriber.objects.create(
            email=email,
            user=profile.user,
            language=profile.preferred_language or "en",
            confirmed_at=now,
        )
        for newsletter_list in general:
            Subscription.objects.create(subscriber=subscriber, newsletter_list=newsletter_list, active=True)


def unfold_profile_choices(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    Subscription = apps.get_model("newsletters", "Subscription")
    users = Subscription.objects.filter(
        active=True, newsletter_list__slug__in=GENERAL, subscriber__user__isnull=False
    ).values("subscriber__user")
    Profile.objects.filter(user__in=users).update(newsletter=True)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("accounts", "0003_create_missing_profiles"),
    ]

    operations = [
        migrations.RunPython(create_lists, migrations.RunPython.noop),
        migrations.RunPython(fold_profile_choices, unfold_profile_choices),
    ]
