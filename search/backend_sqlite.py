"""Wagtail's SQLite FTS5 search backend, taught Chinese: the embedded default of
``make run`` finds what the PostgreSQL backend finds (search/backend.py).

* Every indexed value goes through ``chinese.index_text``, as on PostgreSQL, so a
  run of Chinese is stored as its words, characters, pairs and pinyin.
* The FTS5 table tokenizes with ``porter unicode61`` (migration
  ``search/0002``), so English words match their stems ("apartments" finds
  "apartment") and tone marks are folded.
* Plain-text queries are cut the same way as on PostgreSQL: a Chinese word
  matches as a whole or through its character pairs, and Latin words typed
  apart also match joined up ("xin tian di" → "xintiandi").

FTS5 query text is built here with every term quoted, so nothing a visitor types
is read as FTS5 syntax.
"""

from django.db.models.expressions import Value
from wagtail.search.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
from wagtail.search.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
    get_content_type_pk,
)
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField
from wagtail.search.query import PlainText

from . import chinese


def quoted(text):
    """One FTS5 string: a phrase of the tokens in ``text``, never syntax."""
    return '"' + text.replace('"', '""') + '"'


class MatchText(LexemeCombinable, Value):
    """A ready FTS5 query, passed whole to ``MATCH``."""

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class ChineseSQLiteObjectIndexer(ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # Sub-fields come back through this method and are prepared there.
            yield from super().prepare_field(obj, field)
            return
        for current_field, value in super().prepare_field(obj, field):
            if isinstance(current_field, (SearchField, AutocompleteField)):
                value = chinese.index_text(value)
            yield current_field, value


class ChineseSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """Wagtail's ``SQLiteIndex.add_items`` with the Chinese-aware indexer."""
        if not model.get_search_fields():
            return
        indexers = [ChineseSQLiteObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        values = {
            indexer.id: {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=values).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**values[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in values.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class ChineseSQLiteQueryMixin:
    """Plain-text queries cut as ``chinese.query_pieces`` cuts them."""

    def _piece(self, kind, text, prefix):
        whole = quoted(text) + ("*" if prefix else "")
        if kind == "zh" and len(text) > 2:
            pairs = " AND ".join(quoted(pair) for pair in chinese.character_pairs(text))
            return f"({whole} OR ({pairs}))"
        return whole

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        pieces, joined = chinese.query_pieces(query.query_string)
        if not pieces:
            return None
        operator = " AND " if query.operator.lower() == "and" else " OR "
        last = len(pieces) - 1
        text = operator.join(
            self._piece(kind, piece, prefix=self.LAST_TERM_IS_PREFIX and index == last)
            for index, (kind, piece) in enumerate(pieces)
        )
        if joined:
            text = f"({text}) OR {quoted(joined)}{'*' if self.LAST_TERM_IS_PREFIX else ''}"
        return SearchQueryExpression(MatchText(f"({text})"))


class ChineseSQLiteSearchQueryCompiler(ChineseSQLiteQueryMixin, SQLiteSearchQueryCompiler):
    pass


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class ChineseSQLiteSearchResults(SQLiteSearchResults):
    def count_up_to(self, limit):
        """How many results, counting no further than ``limit``."""
        compiler = self.query_compiler
        queryset = compiler.search(compiler.get_config(self.backend), None, None)
        return queryset.order_by().values("pk")[:limit].count()


class ChineseSQLiteSearchBackend(SQLiteSearchBackend):
    results_class = ChineseSQLiteSearchResults
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex
