"""Reviews get the language they are written in, guessed from existing texts."""

from django.db import migrations, models

BATCH = 500


def fill_languages(apps, schema_editor):
    from core.content_language import detect

    Review = apps.get_model("directory", "Review")
    chinese = [
        pk
        for pk, text in Review.objects.values_list("pk", "text").iterator(chunk_size=BATCH)
        if detect(text) == "zh-hans"
    ]
    for start in range(0, len(chinese), BATCH):
        Review.objects.filter(pk__in=chinese[start : start + BATCH]).update(language="zh-hans")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_field_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("zh-hans", "简体中文")],
                default="en",
                editable=False,
                max_length=10,
                verbose_name="language of the review",
            ),
        ),
        migrations.RunPython(fill_languages, migrations.RunPython.noop),
    ]
