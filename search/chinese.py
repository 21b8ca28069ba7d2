"""Chinese text for full-text search: segmentation, traditional → simplified, pinyin.

PostgreSQL's text parser keeps a run of Chinese characters as one token, so
"静安寺附近两房出租" would only match that exact run. At index time every run is
rewritten as search tokens:

* the words jieba finds in search mode (静安, 静安寺, 附近, 出租 …),
* every single character and every pair of neighbouring characters, so any
  part of a run still matches when jieba cuts the text differently,
* for short values (titles, names, addresses), the toneless pinyin of each word
  and of the whole run (静安区 → "jingan", "jinganqu"), so visitors without a
  Chinese keyboard find places.

At query time the visitor's words are cut the same way (see ``query_terms``):
each Chinese word matches either as a whole or through its character pairs,
traditional characters are turned into simplified ones first, and Latin words
typed with spaces also match joined up ("xin tian di" → "xintiandi").
"""

import logging
import re
import unicodedata
from functools import lru_cache

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TERM_SEPARATORS = re.compile(r"[\s\-]+")
LATIN_WORD = re.compile(r"^[a-z']+$")
WORD_CHARACTER = re.compile(r"\w")

# Values up to this many characters also get pinyin: names, titles, addresses.
PINYIN_MAX_LENGTH = 120
# A whole run of Chinese up to this length also gets its joined pinyin.
PINYIN_RUN_MAX = 8
MAX_QUERY_TERMS = 12


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


def warm_up():
    """Load what Chinese text needs — jieba's dictionary, the OpenCC converter,
    pypinyin's tables — now rather than on the first search or index update."""
    _jieba()
    _opencc()
    from pypinyin import lazy_pinyin

    lazy_pinyin("静安")


def has_chinese(text):
    return bool(CJK_RUN.search(text or ""))


def to_simplified(text):
    """Traditional characters → simplified (關於我們 → 关于我们)."""
    if not has_chinese(text):
        return text
    return _opencc().convert(text)


@lru_cache(maxsize=20_000)
def pinyin(word):
    """Toneless pinyin without spaces: 新天地 → "xintiandi"."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word, errors="ignore")).lower()


@lru_cache(maxsize=20_000)
def _run_tokens(run, with_pinyin):
    jieba = _jieba()
    words = [w for w in jieba.cut_for_search(run) if w.strip()]
    tokens = list(words)
    tokens.extend(run)  # single characters
    tokens.extend(run[i : i + 2] for i in range(len(run) - 1))  # neighbouring pairs
    if with_pinyin:
        tokens.extend(pinyin(w) for w in words if len(w) > 1)
        if len(run) <= PINYIN_RUN_MAX:
            tokens.append(pinyin(run))
    return tuple(dict.fromkeys(t for t in tokens if t))


def index_text(text, *, with_pinyin=None):
    """The text to put in the search index for one field value."""
    if not text or not has_chinese(text):
        return text
    if with_pinyin is None:
        with_pinyin = len(text) <= PINYIN_MAX_LENGTH
    return _index_text(text, with_pinyin)


@lru_cache(maxsize=4_096)
def _index_text(text, with_pinyin):
    # Cached: the indexer asks for each value several times (title, body, plain text).
    text = to_simplified(text)
    return CJK_RUN.sub(lambda m: " " + " ".join(_run_tokens(m.group(0), with_pinyin)) + " ", text)


def normalise_query(text, max_length=200):
    """What a visitor typed, made safe and comparable: full-width forms folded
    (ＡＢＣ → ABC), control characters dropped, traditional → simplified,
    spaces collapsed, cut to ``max_length`` characters."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = CONTROL_CHARACTERS.sub(" ", text)
    text = " ".join(text.split())[:max_length]
    return to_simplified(text).strip()


def is_searchable(text):
    """Only queries with at least one letter, digit or character are run."""
    return bool(WORD_CHARACTER.search(text or ""))


def chinese_word_terms(run):
    """Cut one run of Chinese in a query into words (precise mode)."""
    return [w for w in _jieba().cut(run) if w.strip()]


def character_pairs(word):
    return [word[i : i + 2] for i in range(len(word) - 1)]


def split_term(term):
    """One space-separated query term → its pieces: ("zh", word) for Chinese
    words, ("latin", text) for everything else."""
    pieces = []
    position = 0
    for match in CJK_RUN.finditer(term):
        if match.start() > position:
            pieces.append(("latin", term[position : match.start()]))
        pieces.extend(("zh", word) for word in chinese_word_terms(match.group(0)))
        position = match.end()
    if position < len(term):
        pieces.append(("latin", term[position:]))
    return [(kind, text) for kind, text in pieces if is_searchable(text)]


def query_terms(query):
    """The space-separated terms of a normalised query, at most MAX_QUERY_TERMS."""
    return [t for t in TERM_SEPARATORS.split(query) if t][:MAX_QUERY_TERMS]


def query_pieces(query_string):
    """What a visitor typed → ``(pieces, joined)``: the ``split_term`` pieces of
    every term, and the joined-pinyin alternative (or None). Both search
    backends build their queries from these."""
    terms = query_terms(normalise_query(query_string))
    pieces = [piece for term in terms for piece in split_term(term)]
    return pieces, joined_pinyin_alternative(terms)


def joined_pinyin_alternative(terms):
    """ "xin tian di" → "xintiandi": Latin words typed apart may be one place name."""
    lowered = [t.lower() for t in terms]
    if len(lowered) < 2 or not all(LATIN_WORD.match(t) for t in lowered):
        return None
    return "".join(t.replace("'", "") for t in lowered)


def highlight_terms(query):
    """Words to mark in result snippets: the query's words and Chinese words."""
    terms = [text for term in query_terms(normalise_query(query)) for _kind, text in split_term(term)]
    return [t for t in dict.fromkeys(terms) if t]
