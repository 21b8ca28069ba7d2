"""Wagtail's database search backend, taught Chinese (see search/chinese.py).

On PostgreSQL every indexed value goes through ``chinese.index_text`` and every
plain-text query through ``chinese`` query handling; the index table, ranking
and filtering stay Wagtail's own. On SQLite (the embedded default) the same
handling runs on Wagtail's FTS5 backend (search/backend_sqlite.py); other
databases get Wagtail's plain database backend.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"}}
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models.sql.subqueries import InsertQuery
from wagtail.search.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
    get_content_type_pk,
)
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField
from wagtail.search.query import PlainText

from . import chinese


class ChineseObjectIndexer(ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # Sub-fields come back through this method and are prepared there.
            yield from super().prepare_field(obj, field)
            return
        for current_field, weight, value in super().prepare_field(obj, field):
            if isinstance(current_field, (SearchField, AutocompleteField)):
                value = chinese.index_text(value)
            yield current_field, weight, value


class ChinesePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Wagtail's ``PostgresIndex.add_items`` with the Chinese-aware indexer."""
        if not model.get_search_fields():
            return
        indexers = [ChineseObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")

        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 - only placeholders and compiled expressions are interpolated
                data_params,
            )
        self._refresh_title_norms()


class ChineseQueryMixin:
    """Plain-text queries: Chinese words cut by jieba, each matching as a word or
    through its character pairs; traditional → simplified; Latin words typed
    apart also tried joined (pinyin place names)."""

    def _combine(self, lexemes, operator):
        if operator == "and":
            return reduce(lambda a, b: a & b, lexemes)
        return reduce(lambda a, b: a | b, lexemes)

    def _term_expression(self, kind, text, invert, prefix):
        if kind == "zh" and len(text) > 2:
            pairs = [Lexeme(pair, invert=invert) for pair in chinese.character_pairs(text)]
            whole = Lexeme(text, invert=invert, prefix=prefix)
            pairs_match = self._combine(pairs, "or" if invert else "and")
            return (whole & pairs_match) if invert else (whole | pairs_match)
        return Lexeme(text, invert=invert, prefix=prefix)

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)

        pieces, joined = chinese.query_pieces(query.query_string)
        if not pieces:
            return None
        operator = query.operator
        if invert:
            operator = "or" if operator == "and" else "and"
        expressions = [
            self._term_expression(
                kind, text, invert, prefix=self.LAST_TERM_IS_PREFIX and index == len(pieces) - 1
            )
            for index, (kind, text) in enumerate(pieces)
        ]
        combined = self._combine(expressions, operator)
        if joined:
            alternative = Lexeme(joined, invert=invert, prefix=self.LAST_TERM_IS_PREFIX)
            combined = (combined & alternative) if invert else (combined | alternative)
        return SearchQuery(combined, search_type="raw", config=config)


class ChineseSearchQueryCompiler(ChineseQueryMixin, PostgresSearchQueryCompiler):
    pass


class ChineseAutocompleteQueryCompiler(ChineseQueryMixin, PostgresAutocompleteQueryCompiler):
    pass


class ChineseSearchResults(PostgresSearchResults):
    def count_up_to(self, limit):
        """How many results, counting no further than ``limit``: a broad query
        over 100,000 listings need not count every match to show "1,000+"."""
        compiler = self.query_compiler
        queryset = compiler.search(compiler.get_config(self.backend), None, None, backend=self.backend)
        return queryset.order_by().values("pk")[:limit].count()


class ChinesePostgresSearchBackend(PostgresSearchBackend):
    results_class = ChineseSearchResults
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return ChinesePostgresSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

    backend = DatabaseSearchBackend(params)
    if isinstance(backend, SQLiteSearchBackend):  # SQLite with FTS5, decided as Wagtail decides
        from .backend_sqlite import ChineseSQLiteSearchBackend

        return ChineseSQLiteSearchBackend(params)
    return backend


def understands_chinese(backend):
    """Whether ``backend`` finds Chinese words inside runs of characters and places by
    toneless pinyin: ours on PostgreSQL and SQLite, and Elasticsearch/OpenSearch with
    the analyzers of search/backends_config.py. The search page only promises what
    the active backend does."""
    if isinstance(backend, ChinesePostgresSearchBackend):
        return True
    if connection.vendor == "sqlite":  # the SQLite backend can only be imported there
        from .backend_sqlite import ChineseSQLiteSearchBackend

        if isinstance(backend, ChineseSQLiteSearchBackend):
            return True
    analysis = getattr(backend, "settings", {}).get("settings", {}).get("analysis", {})
    return "longtang_pinyin" in analysis.get("filter", {})
