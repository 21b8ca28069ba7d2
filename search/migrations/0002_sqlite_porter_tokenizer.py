"""On SQLite, Wagtail's FTS5 table tokenizes with ``porter unicode61`` so English
words match their stems ("apartments" finds "apartment"), as the English config
does on PostgreSQL, and tone marks are folded (jìng'ān → jing an). The table is
made again with the same columns and filled from the index entries; the triggers
Wagtail made keep writing to it by name. Nothing happens on other databases."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def rebuild_with(tokenizer):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
            return
        options = f", tokenize='{tokenizer}'" if tokenizer else ""
        schema_editor.execute(f"DROP TABLE {TABLE}")
        schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}{options})")
        schema_editor.execute(
            f"INSERT INTO {TABLE} (rowid, {COLUMNS}) "  # noqa: S608 - constants only
            f"SELECT id, {COLUMNS} FROM wagtailsearch_indexentry"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(rebuild_with("porter unicode61 remove_diacritics 2"), rebuild_with(None)),
    ]
