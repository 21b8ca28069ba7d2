"""SEARCH_URL switches search to Elasticsearch/OpenSearch with Chinese analyzers."""

import pytest

from search.backends_config import search_backends


def test_without_a_search_url_the_database_backend_is_used():
    assert search_backends("") == {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"}}


def test_the_project_uses_the_chinese_aware_backend_of_its_database(settings):
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from search.backend import ChinesePostgresSearchBackend

    if connection.vendor == "sqlite":
        from search.backend_sqlite import ChineseSQLiteSearchBackend as expected
    else:
        expected = ChinesePostgresSearchBackend
    assert isinstance(get_search_backend(), expected)


@pytest.mark.parametrize(
    ("url", "backend", "address"),
    [
        (
            "https://user:secret@search.internal:9200",
            "modelsearch.backends.elasticsearch8",
            "https://user:secret@search.internal:9200",
        ),
        (
            "elasticsearch://search.internal:9200",
            "modelsearch.backends.elasticsearch8",
            "http://search.internal:9200",
        ),
        (
            "elasticsearch9s://search.internal",
            "modelsearch.backends.elasticsearch9",
            "https://search.internal",
        ),
        (
            "opensearch://search.internal:9200",
            "modelsearch.backends.opensearch3",
            "http://search.internal:9200",
        ),
    ],
)
def test_a_search_url_selects_the_engine(url, backend, address):
    config = search_backends(url, index_prefix="lt_")["default"]
    assert config["BACKEND"] == backend
    assert config["URLS"] == [address]
    assert config["INDEX_PREFIX"] == "lt_"


@pytest.mark.parametrize(("tokenizer", "expected"), [("smartcn", "smartcn_tokenizer"), ("ik", "ik_max_word")])
def test_the_analyzers_cut_chinese_and_add_pinyin(tokenizer, expected):
    analysis = search_backends("https://s:9200", tokenizer=tokenizer)["default"]["INDEX_SETTINGS"][
        "settings"
    ]["analysis"]
    assert analysis["analyzer"]["default"]["tokenizer"] == expected
    assert "longtang_pinyin" in analysis["analyzer"]["default"]["filter"]
    assert analysis["filter"]["longtang_pinyin"]["type"] == "pinyin"
    assert analysis["filter"]["longtang_pinyin"]["keep_joined_full_pinyin"] is True
    assert "longtang_pinyin" in analysis["analyzer"]["edgengram_analyzer"]["filter"]


@pytest.mark.parametrize(("url", "tokenizer"), [("ftp://search", "smartcn"), ("https://s:9200", "jieba")])
def test_a_wrong_setting_fails_loudly(url, tokenizer):
    with pytest.raises(ValueError):
        search_backends(url, tokenizer=tokenizer)
