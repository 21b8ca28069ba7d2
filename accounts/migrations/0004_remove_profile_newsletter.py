from django.db import migrations


class Migration(migrations.Migration):
    """The one "newsletters" switch is now a choice of lists (newsletters.Subscription);
    members who had it on were subscribed by newsletters 0002 before it goes."""

    dependencies = [
        ("accounts", "0003_create_missing_profiles"),
        ("newsletters", "0002_lists_and_member_choices"),
    ]

    operations = [
        migrations.RemoveField(model_name="profile", name="newsletter"),
    ]
