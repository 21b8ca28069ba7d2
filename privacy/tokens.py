"""Signed, expiring, single-user download links for export archives."""

from django.conf import settings
from django.core import signing

SALT = "privacy.export.download"


def make_download_token(export):
    return signing.dumps({"e": export.uuid.hex, "u": export.user_id}, salt=SALT)


def read_download_token(token):
    """(export uuid hex, user id). Raises ``signing.SignatureExpired`` once the link is
    older than ``PRIVACY_EXPORT_LINK_MAX_AGE_DAYS`` and ``signing.BadSignature`` when it
    was not made by us."""
    data = signing.loads(token, salt=SALT, max_age=settings.PRIVACY_EXPORT_LINK_MAX_AGE_DAYS * 24 * 3600)
    if not isinstance(data, dict) or not isinstance(data.get("e"), str) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("Malformed download token")
    return data["e"], data["u"]
