"""Security headers on every response: the Content-Security-Policy (django-csp) and the
Permissions-Policy.

The public site runs under a strict policy: scripts and styles only from our own origin,
or inline with the per-request nonce (``request.csp_nonce``). Wagtail's admin and the
Django admin write inline scripts and styles of their own, so they get the relaxed
policy in ``settings.CONTENT_SECURITY_POLICY_ADMIN`` instead of no policy at all.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


def admin_prefixes():
    return tuple(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_PREFIXES", ("/admin/", "/django-admin/")))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxed policy under the admin paths.

    A view's own ``@csp``/``@csp_update``/``@csp_replace`` still wins on the public site.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(admin_prefixes()):
            # No nonce here: beside a nonce, browsers ignore 'unsafe-inline'.
            return PolicyParts(config=dict(settings.CONTENT_SECURITY_POLICY_ADMIN))
        return parts


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Turns off the browser features no page uses (camera, microphone, location,
    payment …), from ``settings.PERMISSIONS_POLICY``. A view that needs one sets the
    header itself, and that header is kept."""

    def process_response(self, request, response):
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items()
            )
        return response
