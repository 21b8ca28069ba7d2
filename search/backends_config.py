"""WAGTAILSEARCH_BACKENDS from the environment (imported by settings; no Django models here).

Without ``SEARCH_URL`` the database backend with Chinese handling (search/backend.py)
is used. With it, Wagtail's Elasticsearch or OpenSearch backend, whose analyzers are
set for Chinese: the ``analysis-smartcn`` tokenizer (or ``ik_max_word`` from the IK
plugin) and the ``analysis-pinyin`` token filter. Both plugins must be installed on
the cluster.

    SEARCH_URL=https://user:secret@search.internal:9200        → Elasticsearch 8
    SEARCH_URL=elasticsearch9://search.internal:9200           → Elasticsearch 9
    SEARCH_URL=opensearch://search.internal:9200               → OpenSearch 3 (http)
    SEARCH_URL=opensearchs://user:secret@search.internal:9200  → OpenSearch 3 (https)
"""

from urllib.parse import urlsplit, urlunsplit

DATABASE_BACKEND = {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"}

ENGINES = {
    "http": ("modelsearch.backends.elasticsearch8", "http"),
    "https": ("modelsearch.backends.elasticsearch8", "https"),
    "elasticsearch": ("modelsearch.backends.elasticsearch8", "http"),
    "elasticsearchs": ("modelsearch.backends.elasticsearch8", "https"),
    "elasticsearch9": ("modelsearch.backends.elasticsearch9", "http"),
    "elasticsearch9s": ("modelsearch.backends.elasticsearch9", "https"),
    "opensearch": ("modelsearch.backends.opensearch3", "http"),
    "opensearchs": ("modelsearch.backends.opensearch3", "https"),
}

TOKENIZERS = {"smartcn": "smartcn_tokenizer", "ik": "ik_max_word"}


def chinese_index_settings(tokenizer="smartcn"):
    """Analyzers for mixed Chinese/English text: words cut by smartcn (or IK),
    traditional and simplified kept apart by the tokenizer, pinyin added for
    every word and for the whole value so "jingan" and "xin tian di" match."""
    chinese_tokenizer = TOKENIZERS[tokenizer]
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "longtang_pinyin": {
                        "type": "pinyin",
                        "keep_first_letter": False,
                        "keep_full_pinyin": False,
                        "keep_joined_full_pinyin": True,
                        "keep_original": True,
                        "keep_none_chinese": True,
                        "keep_none_chinese_together": True,
                        "lowercase": True,
                        "remove_duplicated_term": True,
                    },
                    "longtang_english_stemmer": {"type": "stemmer", "language": "english"},
                },
                "analyzer": {
                    # Every text field without an explicit analyzer.
                    "default": {
                        "type": "custom",
                        "tokenizer": chinese_tokenizer,
                        "filter": ["lowercase", "longtang_english_stemmer", "longtang_pinyin"],
                    },
                    "default_search": {
                        "type": "custom",
                        "tokenizer": chinese_tokenizer,
                        "filter": ["lowercase", "longtang_english_stemmer"],
                    },
                    # Autocomplete fields: prefixes of words and of their pinyin.
                    "edgengram_analyzer": {
                        "type": "custom",
                        "tokenizer": chinese_tokenizer,
                        "filter": ["lowercase", "longtang_pinyin", "edgengram"],
                    },
                },
            }
        }
    }


def search_backends(search_url="", *, index_prefix="longtang_", tokenizer="smartcn"):
    if not search_url:
        return {"default": dict(DATABASE_BACKEND)}
    parts = urlsplit(search_url)
    if parts.scheme not in ENGINES:
        raise ValueError(f"SEARCH_URL scheme must be one of {', '.join(sorted(ENGINES))}")
    if tokenizer not in TOKENIZERS:
        raise ValueError(f"SEARCH_TOKENIZER must be one of {', '.join(sorted(TOKENIZERS))}")
    backend, http_scheme = ENGINES[parts.scheme]
    url = urlunsplit((http_scheme, parts.netloc, parts.path, "", ""))
    return {
        "default": {
            "BACKEND": backend,
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": 5,
            "ATOMIC_REBUILD": True,
            "AUTO_UPDATE": True,
            "INDEX_SETTINGS": chinese_index_settings(tokenizer),
        }
    }
