"""Words of installed packages that visitors read in our pages, listed so that
``makemessages`` keeps them in our catalogue (``locale/``, which Django reads before
any package's own): the packages' Chinese is missing or poor for these.

Nothing imports this module; ``gettext_noop`` only marks the strings.
"""

from django.utils.translation import gettext_noop

# Wagtail and wagtail-localize models named in the privacy policy's "what we collect"
# table (core/personal_data.py registry; privacy/declarations.py declares them).
PERSONAL_DATA_LABELS = [
    gettext_noop("API tokens"),
    gettext_noop("key hash"),
    gettext_noop("editing sessions"),
    gettext_noop("last seen at"),
    gettext_noop("form states"),
    gettext_noop("data"),
    gettext_noop("last updated at"),
    gettext_noop("form data"),
    gettext_noop("page subscriptions"),
    gettext_noop("admin theme"),
    gettext_noop("segment overrides"),
    gettext_noop("string translations"),
    gettext_noop("last translated by"),
    gettext_noop("uploaded files"),
]
