from django.db import transaction


def erase_after_account_deletion(sender, user, **kwargs):
    """accounts deactivated ``user`` inside its deletion transaction: once that commits,
    erase everything the personal-data registry lists for them (R-PRIV-3)."""
    from .tasks import erase_user_data

    user_id = user.pk
    transaction.on_commit(lambda: erase_user_data.delay(user_id))
