"""Signed links in newsletter emails: they work without signing in, for as long
as the subscriber exists (its secret ``key`` is what is signed)."""

from django.core import signing

PREFERENCES_SALT = "newsletters.preferences"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
CONFIRM_SALT = "newsletters.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60


def preferences_token(subscriber):
    return signing.Signer(salt=PREFERENCES_SALT).sign(subscriber.key.hex)


def unsubscribe_token(subscriber, newsletter_list):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscriber.key.hex}.{newsletter_list.pk}")


def confirm_token(subscriber, list_ids):
    """Confirms the address and the lists asked for, and no others."""
    lists = "-".join(str(pk) for pk in sorted(list_ids))
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{subscriber.key.hex}.{lists}")


def _hex(value):
    try:
        int(value, 16)
    except ValueError:
        return None
    return value if len(value) == 32 else None


def read_preferences_token(token):
    """The subscriber key in ``token``, or None when it is not one of ours."""
    try:
        return _hex(signing.Signer(salt=PREFERENCES_SALT).unsign(token))
    except signing.BadSignature:
        return None


def read_unsubscribe_token(token):
    """(subscriber key, list id) from ``token``, or None."""
    try:
        key, _, list_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).partition(".")
    except signing.BadSignature:
        return None
    if not _hex(key) or not list_id.isdigit():
        return None
    return key, int(list_id)


def read_confirm_token(token):
    """(subscriber key, [list ids]) from ``token``, or None (forged or expired)."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    key, _, lists = value.partition(".")
    ids = lists.split("-") if lists else []
    if not _hex(key) or not all(pk.isdigit() for pk in ids):
        return None
    return key, [int(pk) for pk in ids]
