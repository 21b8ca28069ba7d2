"""Indexes that make searches fast on PostgreSQL (nothing on other databases).

* A GIN index on ``title || body`` of Wagtail's index entries: every search
  filters on exactly that expression; without it, all entries of the model
  are read and matched one by one.
* An index on a listing's id as text: index entries name their object by a
  text id, so the join back to the listings can look listings up instead of
  reading the whole table.
"""

from django.db import migrations

INDEXES = [
    (
        "search_indexentry_title_body_gin",
        "wagtailsearch_indexentry USING GIN ((title || body))",
    ),
    (
        "search_listing_id_as_text",
        "classifieds_listing (((id)::varchar(50)))",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
        ("classifieds", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
