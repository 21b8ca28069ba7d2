from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation

from .language import language_of, language_of_address, preferred_language, remember_signup_language

# Links allauth puts in its emails, made before the email's language is known.
EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class AccountAdapter(DefaultAccountAdapter):
    """The member's language (accounts/language.py) on allauth's roads.

    - Signing up on ``/zh-hans/`` makes Chinese the preferred language.
    - After logging in, the redirect goes to the same page under the preferred
      language's prefix, and the language cookie remembers it for the next visit to ``/``.
    - Every allauth email is written in the recipient's language, its links under
      that language's prefix; an address nobody owns gets the page's language.
    """

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            remember_signup_language(user, translation.get_language())
        return user

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        current = translation.get_language()
        if user is not None and getattr(user, "pk", None):
            language = language_of(user, default=current)
        else:
            language = language_of_address(email, default=current)
        context = {
            **context,
            **{key: translate_url(context[key], language) for key in EMAIL_LINKS if context.get(key)},
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        language = preferred_language(user)
        if language and isinstance(response, HttpResponseRedirect):
            response["Location"] = translate_url(response["Location"], language)
            translation.activate(language)
            set_language_cookie(response, language)
        return response
