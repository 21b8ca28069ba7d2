"""Text for outputs that programs read: RSS readers, calendar apps, search boxes.

People's text is plain text. A feed reader renders an RSS description as HTML and
often a title too, so text from members and editors must reach it in a form that
cannot become markup there:

* ``plain_text`` – for titles and JSON: tags dropped, entities decoded, and any
  angle bracket left over swapped for a look-alike, so the text stays inert
  whether the consumer shows it as text or as HTML.
* ``html_description`` – for RSS descriptions: the text escaped, its paragraphs
  and line breaks kept, then passed through nh3 with only <p> and <br> allowed,
  so nothing a member typed can ever run in a reader.
"""

import html

import nh3
from django.utils.html import escape, linebreaks

# Single guillemets read like angle brackets but never open a tag.
_BRACKETS = str.maketrans({"<": "\u2039", ">": "\u203a"})
DESCRIPTION_TAGS = {"p", "br"}


def plain_text(value):
    """``value`` without markup: safe as text and as HTML."""
    if not value:
        return ""
    stripped = nh3.clean(str(value), tags=set(), strip_comments=True)
    return html.unescape(stripped).translate(_BRACKETS).strip()


def html_description(value, limit=None):
    """An HTML fragment that shows ``value`` (plain text) as it was typed."""
    text = str(value or "")
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return nh3.clean(linebreaks(escape(text)), tags=DESCRIPTION_TAGS, attributes={}, url_schemes=set())
