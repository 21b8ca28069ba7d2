from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .adapter import set_language_cookie
from .dashboard import dashboard, public_profile
from .forms import DeleteAccountForm, NotificationSettingsForm, PhoneCodeForm, ProfileForm
from .language import follow_in_admin
from .models import PhoneVerification, Profile
from .phone import VerificationError, check_code, send_code
from .signals import account_deletion_requested


def own_profile(request):
    # Always the signed-in member's own row: there is no id to tamper with.
    profile, _ = Profile.objects.select_related("user").get_or_create(user=request.user)
    return profile


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = own_profile(request)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if "preferred_language" in form.changed_data:
                follow_in_admin(
                    request.user, profile.preferred_language, form.initial.get("preferred_language")
                )
        url = reverse("accounts:profile")
        # Say it in the language the next page will speak.
        with translation.override(profile.preferred_language):
            messages.success(request, _("Your profile is saved."))
        if "preferred_language" in form.changed_data:
            url = translate_url(url, profile.preferred_language)
            response = redirect(url)
            set_language_cookie(response, profile.preferred_language)
            return response
        return redirect(url)
    return render(request, "accounts/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    from newsletters.account import MemberNewsletters

    profile = own_profile(request)
    form = NotificationSettingsForm(request.POST or None, instance=profile)
    newsletters = MemberNewsletters(request.user, request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "resume_email":
        if newsletters.resume():
            messages.success(request, _("We will email you again."))
        return redirect("accounts:notifications")
    if request.method == "POST" and form.is_valid() and newsletters.is_valid():
        with transaction.atomic():
            form.save()
            newsletters.save()
        messages.success(request, _("Your email choices are saved."))
        return redirect("accounts:notifications")
    return render(
        request,
        "accounts/notifications.html",
        {"form": form, "newsletters": newsletters.form, "suppression": newsletters.suppression},
    )


@login_required
@require_http_methods(["GET", "POST"])
def phone_verification(request):
    profile = own_profile(request)
    form = PhoneCodeForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "send":
                send_code(request.user)
                messages.success(request, _("We sent a code to %(phone)s.") % {"phone": profile.phone})
                return redirect("accounts:phone")
            form = PhoneCodeForm(request.POST)
            if form.is_valid():
                check_code(request.user, form.cleaned_data["code"])
                messages.success(request, _("Your phone number is verified."))
                return redirect("accounts:phone")
        except VerificationError as error:
            messages.error(request, str(error))
            return redirect("accounts:phone")
    pending = (
        profile.phone
        and not profile.phone_verified
        and PhoneVerification.objects.filter(
            user=request.user, phone=profile.phone, verified_at__isnull=True
        ).exists()
    )
    return render(request, "accounts/phone.html", {"profile": profile, "form": form, "pending": pending})


@login_required
def my_posts(request):
    profile = own_profile(request)
    sections = dashboard.render_data(request.user)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "profile": profile,
            "email_addresses": list(request.user.emailaddress_set.order_by("-primary", "email")),
            "sections": sections,
            "has_items": any(entry["items"] for entry in sections),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        deactivate_and_scrub(user)
        logout(request)
        messages.success(request, _("Your account is closed and your personal data is being erased."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


def deactivate_and_scrub(user):
    """Close the account at once; the privacy app erases the rest on commit."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        profile = Profile.objects.select_for_update().filter(user=user).first()
        if profile is not None:
            avatar_name = profile.avatar.name
            for name in ("display_name", "phone", "wechat_id", "bio", "nationality"):
                setattr(profile, name, "")
            profile.avatar = ""
            profile.phone_verified_at = None
            profile.show_email = profile.show_phone = profile.show_wechat = False
            profile.save()
            if avatar_name:
                storage = profile.avatar.storage
                transaction.on_commit(lambda: storage.delete(avatar_name))
        PhoneVerification.objects.filter(user=user).delete()
        account_deletion_requested.send(sender=type(user), user=user)


def public_profile_view(request, username):
    User = get_user_model()
    member = get_object_or_404(
        User.objects.filter(is_active=True).select_related("profile"), username=username
    )
    profile = member.profile
    sections = public_profile.render_data(member)
    contact = {
        "email": member.email if profile.show_email else "",
        "phone": profile.phone if profile.show_phone else "",
        "wechat": profile.wechat_id if profile.show_wechat else "",
    }
    return render(
        request,
        "accounts/public_profile.html",
        {
            "member": member,
            "profile": profile,
            "contact": contact,
            "sections": sections,
            "has_posts": any(entry["items"] for entry in sections),
        },
    )
