"""The language of what members write (listings, reviews, events), so readers of
either locale see it, labelled, with the right ``lang`` for screen readers and fonts.

Member content is never hidden from readers of the other language: a flat posted in
Chinese is still a flat an English reader may want. It carries a small label in the
reader's own language ("In Chinese" / "英文") whenever it is not in the language of
the page, and its own text sits in an element whose ``lang`` names its language.
"""

import re

from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

CHINESE, ENGLISH = "zh-hans", "en"
# CJK unified ideographs (with extension A and the compatibility block): what search
# (search/chinese.py) treats as Chinese text too.
CJK_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

LABELS = {
    ENGLISH: _("In English"),
    CHINESE: _("In Chinese"),
}


def detect(text):
    """A cheap guess for text without a declared language: any Chinese character
    makes it Chinese (a Chinese review often quotes English dish names, rarely
    the other way round)."""
    return CHINESE if CJK_CHARACTER.search(text or "") else ENGLISH


def primary(code):
    """zh-hans, zh-Hans and zh_Hans → "zh"; en-gb → "en"."""
    return (code or "").replace("_", "-").split("-")[0].lower()


def html_lang(code):
    """The BCP 47 tag for an HTML ``lang`` attribute: "zh-hans" → "zh-Hans"."""
    return to_locale(code or ENGLISH).replace("_", "-")


def differs_from_reader(code):
    return primary(code) != primary(get_language() or ENGLISH)


def label(code):
    """The label for content in ``code`` on the current page, or "" when the
    content is in the reader's language already."""
    if not code or not differs_from_reader(code):
        return ""
    found = LABELS.get(code) or LABELS.get(CHINESE if primary(code) == "zh" else ENGLISH)
    return str(found)
