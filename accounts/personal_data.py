"""What the accounts app stores about people (see core.personal_data)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from core.personal_data import Field, Retention, registry

from .models import PhoneVerification, Profile


def _setting(name, purpose):
    # On/off choices identify nobody; they are kept so the closed account stays quiet.
    return Field(name, "preferences", purpose, erase="keep", keep_reason="A setting that identifies nobody")


def declare_personal_data():
    registry.declare(
        get_user_model(),
        owner="",
        fields=[
            Field("username", "identity", "Signing in and your public profile address", erase="anonymise"),
            Field("email", "contact", "Signing in, account and notification email", erase="anonymise"),
            Field("first_name", "identity", "Not used; kept empty", erase="blank"),
            Field("last_name", "identity", "Not used; kept empty", erase="blank"),
            Field(
                "date_joined",
                "identity",
                "Shown as 'member since'",
                erase="keep",
                keep_reason="Account audit",
            ),
            Field("last_login", "device", "Account security", erase="null"),
        ],
    )
    registry.declare(
        Profile,
        owner="user",
        fields=[
            Field("display_name", "identity", "Shown beside your posts", erase="blank"),
            Field(
                "phone", "contact", "Phone verification; on your public profile if you choose", erase="blank"
            ),
            Field("phone_verified_at", "verification", "The verified-phone badge", erase="null"),
            Field("wechat_id", "contact", "Shown only if you choose", erase="blank"),
            Field("nationality", "identity", "Your public profile, if you fill it in", erase="blank"),
            Field("bio", "content", "Your public profile", erase="blank"),
            Field("email_verified_at", "verification", "The verified-email badge", erase="null"),
            _setting("preferred_language", "The language the site and emails use"),
            _setting("show_email", "Your privacy choices"),
            _setting("show_phone", "Your privacy choices"),
            _setting("show_wechat", "Your privacy choices"),
            _setting("notify_messages", "Which emails you get"),
            _setting("notify_listing_expiry", "Which emails you get"),
            _setting("notify_saved_searches", "Which emails you get"),
            _setting("newsletter", "Which emails you get"),
        ],
        files=["avatar"],
    )
    registry.declare(
        PhoneVerification,
        owner="user",
        fields=[
            Field("phone", "verification", "Sending a one-time code", erase="delete_row"),
            Field("created_at", "verification", "Limiting how many codes are sent", erase="delete_row"),
        ],
        retention=Retention(days=30, after="created_at"),
    )
    registry.declare(
        EmailAddress,
        owner="user",
        fields=[
            Field("email", "contact", "Signing in and verifying your address", erase="delete_row"),
            Field("verified", "verification", "The verified-email badge", erase="delete_row"),
        ],
    )
