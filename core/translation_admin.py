"""The admin side of the translation workflow: a translation status on every page
(listing rows and the page header) and "Sync translated pages" that never publishes
a translation a translator has not published yet. Registered in ``wagtail_hooks``."""

from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.widgets import ListingButton
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translation import sync_translations, translation_statuses


def status_label(status):
    """``Chinese: 40% translated, not published`` and the like."""
    language = status["locale"].get_display_name()
    if status["page"] is None:
        return _("%(language)s: not translated") % {"language": language}
    if status["percent"] is None:
        if status["live"]:
            return _("%(language)s: live") % {"language": language}
        return _("%(language)s: not published") % {"language": language}
    values = {"language": language, "percent": status["percent"]}
    if status["live"]:
        return _("%(language)s: %(percent)s%% translated, live") % values
    return _("%(language)s: %(percent)s%% translated, not published") % values


def status_url(page, status, user):
    """Where the status leads: the translation editor, or "Translate" when there is
    no translation yet (for editors allowed to submit one)."""
    if status["page"] is not None:
        return reverse("wagtailadmin_pages:edit", args=[status["page"].pk])
    if user.has_perm("wagtail_localize.submit_translation"):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk])
        return f"{url}?{urlencode({'select_locale': status['locale'].language_code})}"
    return None


def translation_status_buttons(page, user, next_url=None, view_name=None):
    """One button per other language on a page's listing row and header."""
    if page.is_root():
        return
    for status in translation_statuses(page):
        url = status_url(page, status, user)
        if url is None:
            continue
        yield ListingButton(
            status_label(status),
            url,
            priority=5,
            icon_name="wagtail-localize-language",
            classname="longtang-translation-status",
        )


class SyncTranslatedPagesView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" where "Publish immediately" keeps to
    the translations that are already live (``sync_translations``): a translation not
    published yet only gets a new draft, so the English text never goes live."""

    @transaction.atomic
    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            sync_translations(self.object.get_source_instance(), user=self.request.user)
        return response
