"""The ceiling for bench/pages.py: a bare Django view, no middleware, no database,
no templates, answering ``BENCH_CEILING_BYTES`` bytes of HTML (the size of the home
page) to every path. Served by gunicorn with the same settings as the site.

    BENCH_CEILING_BYTES=40000 gunicorn --pythonpath bench/pages_ceiling ceiling:application
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-" + "x" * 50,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

BODY = b"x" * int(os.environ.get("BENCH_CEILING_BYTES", "40000"))


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]

application = get_wsgi_application()
