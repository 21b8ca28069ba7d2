"""Translate pages and snippets through wagtail-localize, and the rule that a page is
live in another language only once a translator has published it there.

- "Translate" in the admin saves the new page as a draft
  (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` in the settings); the
  translator publishes it from wagtail-localize's editor.
- The placeholders wagtail-localize makes for parents that are not translated yet (and
  for trees kept in sync) are aliases of the English page; ``keep_placeholders_offline``
  keeps them out of the public site, so no English text is served under ``/zh-hans/``.
- Syncing (``sync_translations``, "Sync translated pages") republishes translations that
  are already live and only updates the draft of one not published yet.

``translate`` is the translator's road from code (demo content, tests): a
TranslationSource, a Translation and string translations, so the result stays
synchronised with its source afterwards.
"""

import html

import polib
from wagtail.models import DraftStateMixin, Locale, Page
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
    its existing translations, as an editor's "Sync translated pages" does.

    A translation that is live is published again; one a translator has not
    published yet only gets a new draft, so syncing never puts English text live.
    """
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return []
    source.update_from_db()
    updated = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        before = instance.get_translation_or_none(translation.target_locale)
        was_live = before is not None and (before.live if isinstance(before, DraftStateMixin) else True)
        translation.save_target(user=user, publish=False)  # publish from fresh rows, as above
        translated = instance.get_translation(translation.target_locale)
        if isinstance(translated, DraftStateMixin) and was_live:
            translated.get_latest_revision().publish(user=user)
        updated.append(translated)
    return updated


def is_placeholder(page):
    """Whether ``page`` is an alias of the same page in another language: what
    wagtail-localize puts in a tree before the page is translated."""
    if page.alias_of_id is None:
        return False
    source_locale = Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
    return source_locale is not None and source_locale != page.locale_id


def keep_placeholders_offline(sender, instance, **kwargs):
    """``pre_save`` of every page: a placeholder never goes live.

    Wagtail publishes aliases whenever their source is published; a placeholder would
    then serve the English text under the Chinese prefix and show up in the Chinese
    lists, menus, sitemap and search. Kept as a draft, it still holds the Chinese
    tree's place (translated children live below it) until it is translated.
    """
    if isinstance(instance, Page) and instance.live and is_placeholder(instance):
        instance.live = False


def translation_statuses(page):
    """How far ``page`` is translated into each language other than its source's,
    for the admin: one dict per language with ``locale``, ``page`` (the translated
    page or None), ``percent`` (the share of text translated in wagtail-localize's
    editor, or None when the page is translated by hand) and ``live``.

    A placeholder counts as not translated.
    """
    translations = {
        t.target_locale_id: t
        for t in Translation.objects.filter(source__object_id=page.translation_key).select_related("source")
    }
    source_locales = {t.source.locale_id for t in translations.values()}
    if not source_locales:
        source_locales = {page.alias_of.locale_id if page.alias_of_id else page.locale_id}
    pages = {
        p.locale_id: p
        for p in Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).only(
            "id", "locale_id", "live", "translation_key"
        )
    }
    statuses = []
    for locale in Locale.objects.exclude(pk__in=source_locales).order_by("language_code"):
        target = pages.get(locale.pk)
        translation = translations.get(locale.pk)
        percent = None
        if target is not None and translation is not None and translation.enabled:
            total, done = translation.get_progress()
            percent = 100 if not total else done * 100 // total
        statuses.append(
            {"locale": locale, "page": target, "percent": percent, "live": bool(target and target.live)}
        )
    return statuses
