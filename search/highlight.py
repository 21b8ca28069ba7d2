"""Result snippets with the visitor's words marked. Everything is escaped first;
only our own <mark> tags are added."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import chinese

SNIPPET_LENGTH = 180


def _pattern(terms):
    parts = []
    for term in terms:
        if chinese.has_chinese(term):
            parts.append(re.escape(term))
            parts.extend(re.escape(pair) for pair in chinese.character_pairs(term))
        elif len(term) > 4:
            # "apartments" also marks "apartment": the stem is matched, not the ending.
            parts.append(re.escape(term[: len(term) - 2]) + r"\w*")
        elif term.strip("'"):
            parts.append(re.escape(term))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts), re.IGNORECASE)


def _marked(text, pattern):
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def snippet(text, query, length=SNIPPET_LENGTH):
    """About ``length`` characters around the first match (or the start), escaped, marked."""
    text = " ".join(str(text or "").split())
    pattern = _pattern(chinese.highlight_terms(query))
    start = 0
    if pattern is not None:
        match = pattern.search(text)
        if match and match.start() > length // 3:
            start = match.start() - length // 3
    end = start + length
    excerpt = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + _marked(excerpt, pattern) + suffix)  # noqa: S308 - escaped above
