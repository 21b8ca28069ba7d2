import re

from django import template
from django.utils.safestring import mark_safe

from privacy import consent
from privacy.models import ConsentScripts

register = template.Library()

# An opening <script> tag that carries no nonce of its own.
_SCRIPT_WITHOUT_NONCE = re.compile(r"<script\b(?![^>]*\bnonce=)", re.IGNORECASE)


def with_nonce(html, nonce):
    """``html`` with the request's CSP nonce on each <script>: the strict policy runs
    inline scripts only when they carry it, and editors write these on purpose."""
    if not nonce:
        return html
    return _SCRIPT_WITHOUT_NONCE.sub(f'<script nonce="{nonce}"', html)


@register.inclusion_tag("privacy/includes/cookie_banner.html", takes_context=True)
def cookie_banner(context):
    """The consent banner, while any optional cookie group is undecided. Plain forms:
    it works without JavaScript."""
    request = context.get("request")
    if request is None:
        return {"show": False}
    match = getattr(request, "resolver_match", None)
    on_settings_page = match is not None and match.view_name == "privacy:cookie_settings"
    undecided = consent.undecided_groups(request)
    return {
        "show": bool(undecided) and not on_settings_page,
        "groups": [{"varname": g.varname, **consent.group_text(g)} for g in consent.optional_groups()],
        "next": request.get_full_path(),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def consented_scripts(context):
    """The analytics and advertising snippets the visitor accepted, and nothing else."""
    request = context.get("request")
    if request is None:
        return ""
    scripts = ConsentScripts.load(request_or_site=request)
    parts = []
    if scripts.analytics_snippet and consent.has_consent(request, consent.ANALYTICS):
        parts.append(scripts.analytics_snippet)
    if scripts.advertising_snippet and consent.has_consent(request, consent.ADVERTISING):
        parts.append(scripts.advertising_snippet)
    consent.mark_consent_read(request)
    if not parts:
        return ""
    # Editors with the settings permission write these snippets on purpose.
    # str(): django-csp's lazy nonce is falsy until read, so never test it for truth.
    nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    html = with_nonce("\n".join(parts), nonce)
    return mark_safe(html)  # noqa: S308
