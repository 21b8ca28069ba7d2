"""Personal data held by third-party apps and by Longtang apps that have no
declaration of their own yet (R-PRIV-1).

Each Longtang app declares its own models in its ``AppConfig.ready`` (accounts does,
in accounts/personal_data.py); this module covers Django, Wagtail, wagtail-localize,
allauth's confirmations, django-celery-beat, django-cookie-consent and the request
log. A model declared here by label is never imported from a domain app.
"""

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.personal_data import STAFF_ONLY, Field, Retention, registry

EDITOR = _("Records which editor did this in the admin")


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:  # an optional backend or app that is not installed here
        return None


def declare(label, **kwargs):
    model = _model(label)
    if model is not None and model not in registry:
        registry.declare(model, **kwargs)


def exempt(label, reason):
    model = _model(label)
    if model is not None and model not in registry:
        registry.exempt(model, reason)


def sessions_of(queryset, user_id):
    """Sessions keep the user id inside their encoded data: decode the live ones."""
    from django.contrib.auth import SESSION_KEY
    from django.utils import timezone

    keys = []
    live = queryset.filter(expire_date__gt=timezone.now())
    for session in live.only("session_key", "session_data").iterator(chunk_size=1000):
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            keys.append(session.session_key)
    return queryset.filter(session_key__in=keys)


def not_linked_to_accounts(queryset, user_id):
    """Data a visitor sends without signing in: found by staff, purged by retention."""
    return queryset.none()


def declare_personal_data():
    # --- Longtang: request log (core) and the privacy app itself ---------------------
    declare(
        "core.RequestLogEntry",
        owner="user",
        fields=[
            Field("created_at", "device", _("Counting visits over time"), erase="delete_row"),
            Field("path", "device", _("Counting which pages are read"), erase="delete_row"),
            Field("referrer", "device", _("Knowing which sites send visitors"), erase="delete_row"),
            Field("referrer_host", "device", _("Knowing which sites send visitors"), erase="delete_row"),
            Field(
                "ip_prefix",
                "device",
                _("Spotting abuse; the address is cut to its network before it is stored"),
                erase="delete_row",
            ),
            Field(
                "browser", "device", _("Making the site work in the browsers people use"), erase="delete_row"
            ),
            Field("os", "device", _("Making the site work in the browsers people use"), erase="delete_row"),
            Field("device", "device", _("Making the site work on phones and computers"), erase="delete_row"),
            Field("user", "device", _("Investigating abuse of an account"), erase="delete_row"),
        ],
        retention=Retention(
            days=settings.REQUEST_LOG_RETENTION_DAYS, after="created_at", event=_("the visit")
        ),
    )
    declare(
        "privacy.ExportRequest",
        owner="user",
        fields=[
            Field(
                "requested_at",
                "communications",
                _("Preparing the copy of your data you asked for"),
                erase="delete_row",
            ),
            Field(
                "status",
                "communications",
                _("Preparing the copy of your data you asked for"),
                erase="delete_row",
            ),
            Field("language", "preferences", _("Writing the archive in your language"), erase="delete_row"),
        ],
        files=["archive"],
        retention=Retention(days=settings.PRIVACY_EXPORT_RETENTION_DAYS, after="requested_at"),
    )
    for label in ("core.District", "core.MetroLine", "core.MetroStation"):
        exempt(label, "Place and metro names of the city, not names of people")
    for label in ("home.HomePage", "home.StandardPage"):
        exempt(label, "Editorial page written and published by staff; its authorship is on wagtailcore.Page")

    # --- Django ------------------------------------------------------------------------
    declare(
        "sessions.Session",
        owner=sessions_of,
        fields=[
            Field("session_data", "device", _("Keeping you signed in"), erase="delete_row", export=False)
        ],
        retention=Retention(days=0, after="expire_date"),
    )
    declare(
        "admin.LogEntry",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field(
                "user",
                "content",
                EDITOR,
                erase="keep",
                keep_reason=_("Audit trail of staff changes, one year"),
            ),
            Field(
                "object_repr",
                "content",
                EDITOR,
                erase="keep",
                keep_reason=_("Audit trail of staff changes, one year"),
            ),
            Field(
                "change_message",
                "content",
                EDITOR,
                erase="keep",
                keep_reason=_("Audit trail of staff changes, one year"),
            ),
        ],
        retention=Retention(days=365, after="action_time"),
    )
    exempt("auth.Group", "Names of staff permission groups")
    exempt("auth.Permission", "Names of permissions")

    # --- Wagtail -----------------------------------------------------------------------
    declare(
        "wagtailusers.UserProfile",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field(
                "preferred_language", "preferences", _("The admin's language for editors"), erase="delete_row"
            ),
            Field(
                "current_time_zone", "preferences", _("The admin's time zone for editors"), erase="delete_row"
            ),
            Field("theme", "preferences", _("The admin's colour theme for editors"), erase="delete_row"),
        ],
        files=["avatar"],
    )
    declare(
        "wagtailcore.Page",
        description=STAFF_ONLY,
        owner="owner",
        fields=[
            Field("owner", "content", EDITOR, erase="null"),
            Field("locked_by", "content", EDITOR, erase="null"),
        ],
    )
    for label in ("wagtailcore.Revision", "wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry"):
        declare(
            label,
            owner="user",
            fields=[Field("user", "content", EDITOR, erase="null")],
            description=STAFF_ONLY,
        )
    for label in ("wagtailimages.Image", "wagtaildocs.Document", "wagtailcore.UploadedFile"):
        declare(
            label,
            owner="uploaded_by_user",
            fields=[Field("uploaded_by_user", "content", EDITOR, erase="null")],
            description=STAFF_ONLY,
        )
    declare(
        "wagtailcore.WorkflowState",
        # Members start a review too, when they send in an event: listed publicly.
        owner="requested_by",
        fields=[
            Field(
                "requested_by",
                "content",
                _("Records who sent a page in for review, such as an event you sent in"),
                erase="null",
            )
        ],
    )
    declare(
        "wagtailcore.TaskState",
        description=STAFF_ONLY,
        owner="finished_by",
        fields=[
            Field("finished_by", "content", EDITOR, erase="null"),
            Field("comment", "content", _("A moderator's note on a page"), erase="blank"),
        ],
    )
    declare(
        "wagtailcore.Comment",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field("user", "communications", _("Editors' comments on draft pages"), erase="delete_row"),
            Field("text", "communications", _("Editors' comments on draft pages"), erase="delete_row"),
            Field("resolved_by", "communications", EDITOR, erase="null"),
        ],
    )
    declare(
        "wagtailcore.CommentReply",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field("user", "communications", _("Editors' comments on draft pages"), erase="delete_row"),
            Field("text", "communications", _("Editors' comments on draft pages"), erase="delete_row"),
        ],
    )
    declare(
        "wagtailcore.PageSubscription",
        description=STAFF_ONLY,
        owner="user",
        fields=[Field("user", "preferences", _("Which page comments an editor follows"), erase="delete_row")],
    )
    declare(
        "wagtailcore.APIToken",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field("user", "identity", _("Signing in to the API"), erase="delete_row"),
            Field("name", "identity", _("Signing in to the API"), erase="delete_row"),
            Field("key_hash", "identity", _("Signing in to the API"), erase="delete_row", export=False),
        ],
    )
    declare(
        "wagtailadmin.EditingSession",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field("user", "device", _("Warning editors who work on the same page"), erase="delete_row"),
            Field(
                "last_seen_at", "device", _("Warning editors who work on the same page"), erase="delete_row"
            ),
        ],
        retention=Retention(days=1, after="last_seen_at"),
    )
    declare(
        "wagtailadmin.FormState",
        description=STAFF_ONLY,
        owner="user",
        fields=[
            Field("user", "content", _("Keeping an editor's unsaved changes"), erase="delete_row"),
            Field("data", "content", _("Keeping an editor's unsaved changes"), erase="delete_row"),
        ],
        retention=Retention(days=30, after="last_updated_at"),
    )
    declare(
        "wagtailforms.FormSubmission",
        owner=not_linked_to_accounts,
        fields=[
            Field(
                "form_data", "communications", _("Answering what you sent through a form"), erase="delete_row"
            )
        ],
        retention=Retention(days=365, after="submit_time"),
    )
    for label in ("wagtail_localize.StringTranslation", "wagtail_localize.SegmentOverride"):
        declare(
            label,
            owner="last_translated_by",
            fields=[Field("last_translated_by", "content", EDITOR, erase="null")],
            description=STAFF_ONLY,
            not_personal={"tool_name": "The translation tool used"}
            if label.endswith("StringTranslation")
            else {},
        )
    exempt("wagtailembeds.Embed", "oEmbed data (author and provider names) of media published on purpose")
    exempt("wagtailcore.Site", "The site's own name")
    exempt("wagtailcore.Collection", "Names of image and document folders")
    exempt("wagtailcore.Workflow", "Names of moderation workflows")
    exempt("wagtailcore.Task", "Names of moderation steps")
    exempt(
        "wagtailcore.PageViewRestriction", "A shared password protecting a page, not a person's credential"
    )
    exempt(
        "wagtailcore.CollectionViewRestriction",
        "A shared password protecting a folder, not a person's credential",
    )
    for label in ("wagtailsearch.IndexEntry", "wagtailsearch.SQLiteFTSIndexEntry"):
        exempt(label, "Search index derived from indexed models; erasure re-indexes or removes them")
    exempt("taggit.Tag", "Tag words")
    exempt("core.TagName", "Chinese names of tags, not names of people")

    # --- allauth (accounts declares EmailAddress) -------------------------------------
    declare(
        "account.EmailConfirmation",
        owner="email_address__user",
        fields=[
            Field("email_address", "verification", _("Confirming your email address"), erase="delete_row"),
            Field(
                "key", "verification", _("Confirming your email address"), erase="delete_row", export=False
            ),
        ],
        retention=Retention(days=7, after="created"),
    )

    # --- Celery beat and cookie consent --------------------------------------------------
    exempt("django_celery_beat.PeriodicTask", "Names of scheduled jobs")
    exempt("cookie_consent.CookieGroup", "Descriptions of cookie groups")
    exempt("cookie_consent.Cookie", "Descriptions of cookies")
    exempt("cookie_consent.LogItem", "Counts of consent choices, not linked to any visitor or account")
