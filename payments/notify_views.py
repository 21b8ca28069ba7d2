"""Where WeChat Pay and Alipay call us. Outside the language prefixes, no session, no
CSRF token: the provider's signature is what proves the call genuine."""

from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import notifications

NOTIFYING_METHODS = {"wechat", "alipay"}


@csrf_exempt
@require_POST
def notify(request, method):
    if method not in NOTIFYING_METHODS:
        raise Http404
    return notifications.receive(method, request)
