from allauth.account.signals import email_changed, email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .language import follow_in_admin
from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        profile, _ = Profile.objects.get_or_create(user=instance)
        if instance.is_staff:
            # Staff made in the admin or by createsuperuser: the admin (and its workflow
            # emails) speaks their language, not the language of whoever triggers an email.
            follow_in_admin(instance, profile.preferred_language, previous=None)


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
