from django import template
from django.utils.safestring import mark_safe

from privacy import consent
from privacy.models import ConsentScripts

register = template.Library()


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
    # Editors with the settings permission write these snippets on purpose.
    return mark_safe("\n".join(parts))  # noqa: S308
