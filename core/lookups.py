"""What every public page asks the database for the same answer each time — the Site
for a host, the Locale for a language, the site settings, whether any page has a view
restriction — kept in the default cache (shared by all workers) and dropped the
moment the rows behind them change.

``install()`` (CoreConfig.ready) routes Wagtail's own lookups through these caches:
``Site.find_for_request``, ``Locale.objects.get_for_language`` (behind
``Locale.get_active``, ``Page.localized``) and ``BaseGenericSetting.load``. Each
cached value answers exactly what the database would; writes made with signals
(save, delete, page moves) clear them.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

PREFIX = "longtang:lookup:"
SITES_KEY = PREFIX + "sites"
LOCALES_KEY = PREFIX + "locales"
RESTRICTIONS_KEY = PREFIX + "restrictions"
TIMEOUT = 24 * 60 * 60


def _setting_key(model):
    return f"{PREFIX}setting:{model._meta.label_lower}"


# -- Sites --------------------------------------------------------------------------


def site_for_hostname(hostname, port):
    """The Site Wagtail's ``get_site_for_hostname`` picks (root page joined), or None."""
    from wagtail.models import Site
    from wagtail.models.sites import get_site_for_hostname

    sites = cache.get(SITES_KEY) or {}
    key = f"{hostname}:{port}"
    if key not in sites:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        sites[key] = site
        cache.set(SITES_KEY, sites, TIMEOUT)
    return sites[key]


def _find_site_for_request(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    return site_for_hostname(hostname, request.get_port())


def forget_sites(**kwargs):
    cache.delete(SITES_KEY)


def _page_saved(sender, instance, **kwargs):
    # A site's root page is cached with its Site; root pages sit at depth 2.
    if getattr(instance, "depth", None) is not None and instance.depth <= 2:
        forget_sites()


# -- Locales ------------------------------------------------------------------------


def locale_ids():
    """{language code: Locale id} of every Locale row."""
    from wagtail.models import Locale

    found = cache.get(LOCALES_KEY)
    if found is None:
        found = dict(Locale.all_objects.values_list("language_code", "id"))
        cache.set(LOCALES_KEY, found, TIMEOUT)
    return found


def locale_for_id(pk):
    """The Locale with id ``pk`` from the cached rows (no query), or None."""
    from wagtail.models import Locale

    for code, found in locale_ids().items():
        if found == pk:
            return Locale.from_db("default", ["id", "language_code"], [pk, code])
    return None


def _locale_for_language(original):
    def get_for_language(self, language_code):
        from wagtail.coreutils import get_supported_content_language_variant
        from wagtail.models import Locale

        if self._db not in (None, "default"):
            return original(self, language_code)
        code = get_supported_content_language_variant(language_code)
        pk = locale_ids().get(code)
        if pk is None:
            raise Locale.DoesNotExist("Locale matching query does not exist.")
        return Locale.from_db("default", ["id", "language_code"], [pk, code])

    return get_for_language


def forget_locales(**kwargs):
    cache.delete(LOCALES_KEY)


# -- Site settings ------------------------------------------------------------------


def _setting_get_or_create(original):
    def _get_or_create(cls):
        key = _setting_key(cls)
        obj = cache.get(key)
        if obj is None:
            obj = original.__func__(cls)
            cache.set(key, obj, TIMEOUT)
        return obj

    return classmethod(_get_or_create)


def _setting_changed(sender, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting

    if issubclass(sender, BaseGenericSetting):
        cache.delete(_setting_key(sender))


# -- View restrictions --------------------------------------------------------------


def restricted_paths():
    """The tree paths of every page with a view restriction (its subtree is private)."""
    from wagtail.models import PageViewRestriction

    paths = cache.get(RESTRICTIONS_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTIONS_KEY, paths, TIMEOUT)
    return paths


def forget_restrictions(**kwargs):
    cache.delete(RESTRICTIONS_KEY)


# -- Installation -------------------------------------------------------------------


def install():
    from wagtail.contrib.settings.models import BaseGenericSetting
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.models.i18n import LocaleManager
    from wagtail.signals import post_page_move

    if getattr(Site, "_longtang_lookups", False):
        return
    Site._longtang_lookups = True
    Site._find_for_request = staticmethod(_find_site_for_request)
    LocaleManager.get_for_language = _locale_for_language(LocaleManager.get_for_language)
    BaseGenericSetting._get_or_create = _setting_get_or_create(BaseGenericSetting.__dict__["_get_or_create"])

    uid = "longtang_lookups_"
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid=uid + "site" + signal_name(signal))
        signal.connect(forget_locales, sender=Locale, dispatch_uid=uid + "locale" + signal_name(signal))
        signal.connect(
            forget_restrictions, sender=PageViewRestriction, dispatch_uid=uid + "pvr" + signal_name(signal)
        )
        signal.connect(_setting_changed, dispatch_uid=uid + "setting" + signal_name(signal))
        signal.connect(_page_saved, dispatch_uid=uid + "page" + signal_name(signal))
    post_delete.connect(forget_restrictions, sender=Page, dispatch_uid=uid + "page_restrictions")
    post_page_move.connect(forget_restrictions, dispatch_uid=uid + "moved_restrictions")
    post_page_move.connect(forget_sites, dispatch_uid=uid + "moved_sites")


def signal_name(signal):
    return "_save" if signal is post_save else "_delete"


def public(queryset, prefix=""):
    """``queryset`` without the pages behind a view restriction, as Wagtail's
    ``PageQuerySet.public()`` answers, from the cached paths (no query)."""
    from django.db.models import Q

    restricted = Q()
    for path in restricted_paths():
        restricted |= Q(**{f"{prefix}path__startswith": path})
    return queryset.exclude(restricted) if restricted else queryset
