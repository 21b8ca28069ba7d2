from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ReviewPhoto
from .reviews import delete_photo_file


@receiver(post_delete, sender=ReviewPhoto)
def delete_file_with_the_photo(sender, instance, **kwargs):
    """However a review photo goes (its author, a cascade, an account erasure), the
    file goes once the deletion commits."""
    transaction.on_commit(lambda: delete_photo_file(instance))
