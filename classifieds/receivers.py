from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ListingPhoto
from .photos import delete_photo_files


@receiver(post_delete, sender=ListingPhoto)
def delete_files_with_the_photo(sender, instance, **kwargs):
    """However a photo row goes (owner, cascade from its listing, retention purge or
    account erasure), its files and renditions go once the deletion commits."""
    transaction.on_commit(lambda: delete_photo_files(instance))
