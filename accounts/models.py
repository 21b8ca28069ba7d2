import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class User(AbstractUser):
    """Longtang's user. Custom from the first migration so it never has to be swapped."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


def avatar_upload_to(profile, filename):
    # A random name: the original file name may carry personal data.
    return f"avatars/{uuid.uuid4().hex}.webp"


wechat_id_validator = RegexValidator(
    r"^[A-Za-z][-_A-Za-z0-9]{5,19}$",
    _("A WeChat ID has 6 to 20 letters, digits, - or _, and starts with a letter."),
)


class Profile(models.Model):
    """What a member tells us about themselves, and their choices."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, help_text=_("Stored as +8613812345678.")
    )
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)
    wechat_id = models.CharField(_("WeChat ID"), max_length=20, blank=True, validators=[wechat_id_validator])
    nationality = CountryField(_("nationality"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    bio = models.TextField(_("about me"), max_length=500, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_upload_to, blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)

    # What the public profile may show (nothing unless the member says so).
    show_email = models.BooleanField(_("show my email address on my public profile"), default=False)
    show_phone = models.BooleanField(_("show my phone number on my public profile"), default=False)
    show_wechat = models.BooleanField(_("show my WeChat ID on my public profile"), default=False)

    # Which emails the member wants.
    notify_messages = models.BooleanField(_("new private messages"), default=True)
    notify_listing_expiry = models.BooleanField(_("reminders before my listings expire"), default=True)
    notify_saved_searches = models.BooleanField(_("alerts for my saved searches"), default=True)
    # Newsletters are chosen list by list (newsletters.Subscription).

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        return self.display_name or self.user.username

    @property
    def email_verified(self):
        return self.email_verified_at is not None

    @property
    def phone_verified(self):
        return bool(self.phone) and self.phone_verified_at is not None


class PhoneVerification(models.Model):
    """A one-time code sent by SMS. Only a keyed hash of the code is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_verifications"
    )
    phone = models.CharField(max_length=20, verbose_name=_("phone number"))
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("phone verification")
        verbose_name_plural = _("phone verifications")

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
