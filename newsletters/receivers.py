from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import mailchimp
from .models import Subscriber


@receiver(post_delete, sender=Subscriber, dispatch_uid="newsletters.subscriber_deleted")
def subscriber_deleted(sender, instance, **kwargs):
    """Erasure deletes subscriber rows: Mailchimp's copy is archived after commit."""
    if mailchimp.enabled():
        from .tasks import archive_mailchimp

        email = instance.email
        transaction.on_commit(lambda: archive_mailchimp.delay(email))
