"""What the accounts app stores about people (see core.personal_data)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.personal_data import Field, Retention, registry

from .models import PhoneVerification, Profile


def _setting(name, purpose):
    # On/off choices identify nobody; they are kept so the closed account stays quiet.
    return Field(
        name, "preferences", purpose, erase="keep", keep_reason=_("A setting that identifies nobody")
    )


def declare_personal_data():
    registry.declare(
        get_user_model(),
        owner="",
        fields=[
            Field("username", "identity", _("Signing in and your public profile address"), erase="anonymise"),
            Field("email", "contact", _("Signing in, account and notification email"), erase="anonymise"),
            Field("first_name", "identity", _("Not used; kept empty"), erase="blank"),
            Field("last_name", "identity", _("Not used; kept empty"), erase="blank"),
            Field(
                "date_joined",
                "identity",
                _("Shown as 'member since'"),
                erase="keep",
                keep_reason=_("Account audit"),
            ),
            Field("last_login", "device", _("Account security"), erase="null"),
        ],
    )
    registry.declare(
        Profile,
        owner="user",
        fields=[
            Field("display_name", "identity", _("Shown beside your posts"), erase="blank"),
            Field(
                "phone",
                "contact",
                _("Phone verification; on your public profile if you choose"),
                erase="blank",
            ),
            Field("phone_verified_at", "verification", _("The verified-phone badge"), erase="null"),
            Field("wechat_id", "contact", _("Shown only if you choose"), erase="blank"),
            Field("nationality", "identity", _("Your public profile, if you fill it in"), erase="blank"),
            Field("bio", "content", _("Your public profile"), erase="blank"),
            Field("email_verified_at", "verification", _("The verified-email badge"), erase="null"),
            _setting("preferred_language", _("The language the site and emails use")),
            _setting("show_email", _("Your privacy choices")),
            _setting("show_phone", _("Your privacy choices")),
            _setting("show_wechat", _("Your privacy choices")),
            _setting("notify_messages", _("Which emails you get")),
            _setting("notify_listing_expiry", _("Which emails you get")),
            _setting("notify_saved_searches", _("Which emails you get")),
        ],
        files=["avatar"],
    )
    registry.declare(
        PhoneVerification,
        owner="user",
        fields=[
            Field("phone", "verification", _("Sending a one-time code"), erase="delete_row"),
            Field("created_at", "verification", _("Limiting how many codes are sent"), erase="delete_row"),
        ],
        retention=Retention(days=30, after="created_at"),
    )
    registry.declare(
        EmailAddress,
        owner="user",
        fields=[
            Field("email", "contact", _("Signing in and verifying your address"), erase="delete_row"),
            Field("verified", "verification", _("The verified-email badge"), erase="delete_row"),
        ],
    )
