"""Translate pages and snippets through wagtail-localize from code.

Used by the demo content and tests: it takes the same road as an editor in the
admin (a TranslationSource, a Translation and string translations), so the result
stays synchronised with its source afterwards.
"""

import html

import polib
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import Translation, TranslationSource


def translate(instance, language_code, strings, user=None, publish=True):
    """Create or update the ``language_code`` translation of ``instance``.

    ``strings`` maps source text to translated text; text without a translation yet
    is copied as is, and earlier translations are kept.
    Returns the translated object.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )

    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        elif html.unescape(entry.msgid) in strings:  # plain text holding "&" or "<"
            entry.msgstr = html.escape(strings[html.unescape(entry.msgid)], quote=False)
        elif not entry.msgstr:  # keep earlier translations; new text starts as the source
            entry.msgstr = entry.msgid
    translation.import_po(polib.pofile(str(po)), user=user, tool_name="longtang")
    # wagtail-localize defers publishing to transaction.on_commit with the page
    # object it had in hand; when a parent and its child are translated in one
    # transaction that stale object overwrites the parent's tree counters. Save a
    # draft and publish its revision here instead, from fresh rows.
    # Snippets without drafts (topics, authors) are simply saved.
    translation.save_target(user=user, publish=not isinstance(instance, DraftStateMixin))
    translated = instance.get_translation(locale)
    if publish and isinstance(translated, DraftStateMixin):
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated


def sync_translations(instance, user=None):
    """Carry ``instance``'s synchronised fields (and any new text, untranslated) to
    its existing translations, as an editor's "Sync translated pages" does."""
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return []
    source.update_from_db()
    updated = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        translation.save_target(user=user, publish=False)  # publish from fresh rows, as above
        translated = instance.get_translation(translation.target_locale)
        if isinstance(translated, DraftStateMixin):
            translated.get_latest_revision().publish(user=user)
        updated.append(translated)
    return updated
