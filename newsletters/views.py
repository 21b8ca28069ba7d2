"""Public newsletter pages: the footer's subscribe form, the confirmation link and
the preferences page opened from any newsletter email (no sign-in), plus the RFC 8058
one-click unsubscribe endpoint that mail clients POST to."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimit import allow
from core.request_guard import same_site_post
from core.request_log import client_ip

from . import subscriptions
from .forms import PreferencesForm, SubscribeForm
from .models import NewsletterList, Subscriber
from .tokens import preferences_token, read_confirm_token, read_preferences_token, read_unsubscribe_token

HOUR = 60 * 60


def _language():
    return "zh-hans" if (get_language() or "").startswith("zh") else "en"


def too_many(request, action, limit, period=HOUR):
    return not allow(f"newsletters-{action}:{client_ip(request) or 'unknown'}", limit=limit, period=period)


# The footer form is on every (cached) page, where a CSRF token would give every visitor
# a cookie, so it carries none; a post from another site is refused. Even a forged one
# could only send a confirmation email, rate-limited per address and per network, that
# subscribes nobody until its link is followed.
@same_site_post
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if too_many(request, "subscribe", limit=20):
            return render(request, "newsletters/subscribe.html", {"form": form, "limited": True}, status=429)
        if form.is_valid():
            email = subscriptions.normalise(form.cleaned_data["email"])
            if not form.cleaned_data["website"] and allow(
                f"newsletters-confirm:{email}", limit=3, period=24 * HOUR
            ):
                subscriptions.request_subscription(email, _language())
            # The same answer whatever happened: nobody learns who subscribes.
            return render(request, "newsletters/subscribe.html", {"done": True, "email": email})
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletters/subscribe.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links); POST confirms."""
    found = read_confirm_token(token)
    subscriber = Subscriber.objects.filter(key=found[0]).first() if found else None
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", status=404)
    lists = NewsletterList.objects.filter(pk__in=found[1])
    if request.method == "POST":
        if too_many(request, "confirm", limit=30):
            return HttpResponse(_("Too many changes at once. Please try again in an hour."), status=429)
        subscriptions.confirm(subscriber, found[1])
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect("newsletters:preferences", token=preferences_token(subscriber))
    return render(request, "newsletters/confirm.html", {"subscriber": subscriber, "lists": lists})


def subscriber_from_preferences_token(token):
    key = read_preferences_token(token)
    subscriber = Subscriber.objects.filter(key=key).first() if key else None
    if subscriber is None:
        raise Http404
    return subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber = subscriber_from_preferences_token(token)
    except Http404:
        return render(request, "newsletters/link_invalid.html", status=404)
    active = subscriptions.active_list_ids(subscriber)
    form = PreferencesForm(
        request.POST or None,
        initial={"lists": sorted(active), "allow_more_promotions": subscriber.allow_more_promotions},
    )
    if request.method == "POST":
        if too_many(request, "preferences", limit=60):
            return HttpResponse(_("Too many changes at once. Please try again in an hour."), status=429)
        if request.POST.get("action") == "unsubscribe_all":
            subscriptions.unsubscribe_all(subscriber)
            messages.success(request, _("You are unsubscribed from every newsletter."))
            return redirect(request.path)
        if form.is_valid():
            if not subscriber.confirmed:
                subscriber.confirm()  # opened from one of our emails: the address is theirs
            subscriptions.set_lists(
                subscriber,
                [item.pk for item in form.cleaned_data["lists"]],
                form.cleaned_data["allow_more_promotions"],
            )
            messages.success(request, _("Your newsletter choices are saved."))
            return redirect(request.path)
    return render(
        request,
        "newsletters/preferences.html",
        {"form": form, "subscriber": subscriber, "has_active": bool(active)},
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token):
    """RFC 8058: the mail client POSTs ``List-Unsubscribe=One-Click`` here, with no
    cookie and no CSRF token. Only the list of that email is left, at once. A person
    who opens the link (the "Unsubscribe" link in the email) gets a button that posts
    the same, so mail scanners that follow links unsubscribe nobody."""
    found = read_unsubscribe_token(token)
    subscriber = Subscriber.objects.filter(key=found[0]).first() if found else None
    newsletter_list = NewsletterList.objects.filter(pk=found[1]).first() if found else None
    if subscriber is None or newsletter_list is None:
        # Not 404: the locale middleware would redirect a 404 here to a language prefix.
        return render(request, "newsletters/link_invalid.html", status=400)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber, newsletter_list.pk)
        if request.POST.get("List-Unsubscribe") == "One-Click":  # a mail client: no page, no cookie
            return HttpResponse("Unsubscribed.", content_type="text/plain")
    with translation.override(subscriber.language):
        context = {
            "newsletter_list": newsletter_list,
            "done": request.method == "POST",
            "preferences_url": reverse("newsletters:preferences", args=[preferences_token(subscriber)]),
        }
        return render(request, "newsletters/unsubscribe.html", context)
