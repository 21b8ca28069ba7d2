"""Every UI string has a Chinese translation, and the compiled catalogue matches."""

from pathlib import Path

import polib
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(LOCALE_DIR / "django.po"))
    assert len(po) > 20
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE_DIR / "django.po"))
    mo = polib.mofile(str(LOCALE_DIR / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, entry.msgid


def test_ui_speaks_chinese_when_chinese_is_active():
    with translation.override("zh-hans"):
        assert translation.gettext("Page not found") == "找不到该页面"
