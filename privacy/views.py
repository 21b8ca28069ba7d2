from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.request_guard import same_site_post

from . import consent
from .models import ExportRequest
from .tasks import build_export
from .tokens import make_download_token, read_download_token


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def export_data(request):
    """ "Download my data": ask for an archive; it is built in the background and its
    link is emailed (R-PRIV-2)."""
    exports = ExportRequest.objects.filter(user=request.user)
    if request.method == "POST":
        now = timezone.now()
        recent = now - timedelta(minutes=settings.PRIVACY_EXPORT_MIN_INTERVAL_MINUTES)
        # A request still pending after a day is stuck (a lost task): allow a new one.
        pending = exports.filter(status=ExportRequest.PENDING, requested_at__gte=now - timedelta(days=1))
        if pending.exists() or exports.filter(status=ExportRequest.READY, requested_at__gte=recent).exists():
            messages.info(
                request, _("Your last copy is recent or still being prepared: please use that one.")
            )
        else:
            with transaction.atomic():
                export = ExportRequest.objects.create(user=request.user, language=translation.get_language())
                base_url = request.build_absolute_uri("/")
                transaction.on_commit(lambda: build_export.delay(export.pk, base_url))
            messages.success(
                request, _("We are preparing your data. We will email you a download link when it is ready.")
            )
        return redirect("privacy:export")
    recent = [
        {
            "export": e,
            "url": reverse("privacy:export_download", args=[make_download_token(e)]) if e.is_ready else "",
        }
        for e in exports[:5]
    ]
    return TemplateResponse(request, "privacy/export.html", {"exports": recent})


@never_cache
@login_required
def export_download(request, token):
    """The archive, for its owner only: someone else's link is a 404, an expired one
    says so."""
    try:
        export_uuid, user_id = read_download_token(token)
    except signing.SignatureExpired:
        return TemplateResponse(request, "privacy/export_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    if user_id != request.user.pk:
        raise Http404
    export = ExportRequest.objects.filter(user=request.user, uuid=export_uuid).first()
    if export is None:
        raise Http404
    if not export.is_ready or not export.archive.storage.exists(export.archive.name):
        return TemplateResponse(request, "privacy/export_expired.html", status=410)
    stamp = timezone.localtime(export.finished_at).strftime("%Y%m%d")
    response = FileResponse(
        export.archive.open("rb"), as_attachment=True, filename=f"longtang-data-{stamp}.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def cookie_settings(request):
    """Every cookie group with its cookies, and the visitor's current choice."""
    return TemplateResponse(
        request,
        "privacy/cookie_settings.html",
        {"groups": consent.groups_for_display(request), "next": request.get_full_path()},
    )


def _safe_next(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@same_site_post
@require_POST
def save_consent(request):
    """The banner's and the settings page's forms post here (no JavaScript needed):
    ``choice=accept_all``, ``choice=reject_all`` or ``choice=save`` with the ticked
    ``groups``. Outside the language prefixes: machine-called too."""
    groups = consent.optional_groups()
    choice = request.POST.get("choice", "save")
    if choice == "accept_all":
        accepted, declined = groups, []
    elif choice == "reject_all":
        accepted, declined = [], groups
    else:
        ticked = set(request.POST.getlist("groups"))
        accepted = [g for g in groups if g.varname in ticked]
        declined = [g for g in groups if g.varname not in ticked]
    target = _safe_next(request)
    response = HttpResponseRedirect(target)
    consent.record_choice(request, response, accepted, declined)
    with translation.override(translation.get_language_from_path(target) or settings.LANGUAGE_CODE):
        messages.success(request, _("Your cookie choices are saved. You can change them at any time."))
    return response
