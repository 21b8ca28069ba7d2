"""The four cookie groups of R-LOG-2 and the cookies Longtang itself sets.

Names and descriptions here are the admin's defaults; visitors read translated texts
(privacy.consent.GROUP_TEXT and COOKIE_TEXT). Editors add the cookies of the analytics
and advertising scripts they install under "Privacy" in the admin.
"""

from django.db import migrations

GROUPS = [
    # varname, name, description, required, deletable, ordering
    ("necessary", "Strictly necessary", "Sign-in, form protection, language and consent choice.", True, False, 0),
    ("preferences", "Preferences", "Remembered filters and notice frequency.", False, True, 10),
    ("analytics", "Analytics", "Counting visits and popular pages.", False, True, 20),
    ("advertising", "Advertising", "Ads that fit the visitor's interests, and their measurement.", False, True, 30),
]

COOKIES = [
    # group, name, description
    ("necessary", "sessionid", "Keeps a member signed in."),
    ("necessary", "csrftoken", "Protects forms against cross-site request forgery."),
    ("necessary", "longtang_language", "The language the visitor chose."),
    ("necessary", "cookie_consent", "The visitor's cookie choices."),
    ("necessary", "messages", "One-time confirmation messages."),
    ("preferences", "longtang_filters", "Districts and filters picked when browsing listings."),
    ("preferences", "longtang_notices", "When a notice was last shown."),
    ("analytics", "_ga", "Analytics visitor identifier."),
    ("analytics", "_gid", "Analytics daily visitor identifier."),
    ("advertising", "_gcl_au", "Ad conversion measurement."),
]


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    groups = {}
    for varname, name, description, required, deletable, ordering in GROUPS:
        groups[varname], _ = CookieGroup.objects.get_or_create(
            varname=varname,
            defaults={
                "name": name,
                "description": description,
                "is_required": required,
                "is_deletable": deletable,
                "ordering": ordering,
            },
        )
    for group, name, description in COOKIES:
        Cookie.objects.get_or_create(
            cookiegroup=groups[group], name=name, domain="", defaults={"description": description, "path": "/"}
        )
    _forget_cached_groups()


def remove_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    CookieGroup.objects.filter(varname__in=[g[0] for g in GROUPS]).delete()
    _forget_cached_groups()


def _forget_cached_groups():
    from cookie_consent.cache import delete_cache

    try:
        delete_cache()
    except Exception:  # noqa: BLE001, S110 - a cache that is down holds nothing stale
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
