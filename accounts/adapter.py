from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation


def preferred_language(user):
    profile = getattr(user, "profile", None)
    language = getattr(profile, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else None


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class AccountAdapter(DefaultAccountAdapter):
    """After logging in, the site speaks the member's preferred language: the
    redirect goes to the same page under that language's prefix, and the language
    cookie remembers the choice for the next visit to ``/``."""

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        language = preferred_language(user)
        if language and isinstance(response, HttpResponseRedirect):
            response["Location"] = translate_url(response["Location"], language)
            translation.activate(language)
            set_language_cookie(response, language)
        return response
