"""Load Shanghai's districts and metro network so every install starts with them."""

from django.db import migrations


def load(apps, schema_editor):
    from core.city_data import load_city_data

    load_city_data(apps=apps)


def unload(apps, schema_editor):
    for name in ("LineStop", "MetroStation", "MetroLine", "District"):
        apps.get_model("core", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
