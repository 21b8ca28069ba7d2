from allauth.account.signals import email_changed, email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(email_confirmed)
def record_email_verification(sender, request, email_address, **kwargs):
    if email_address.primary or not email_address.user.emailaddress_set.filter(primary=True).exists():
        Profile.objects.filter(user=email_address.user).update(email_verified_at=timezone.now())


@receiver(email_changed)
def record_new_primary_email(sender, request, user, from_email_address, to_email_address, **kwargs):
    # allauth only makes a verified address primary, so the change itself is a verification.
    Profile.objects.filter(user=user).update(
        email_verified_at=timezone.now() if to_email_address.verified else None
    )
