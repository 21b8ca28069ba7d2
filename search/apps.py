import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Management commands that never segment Chinese text: they start without loading
# jieba's dictionary (about a second and some 100 MB per process).
NO_WARM_UP_COMMANDS = {
    "check",
    "collectstatic",
    "compilemessages",
    "createsuperuser",
    "dbshell",
    "makemessages",
    "makemigrations",
    "migrate",
    "shell",
    "showmigrations",
    "sqlmigrate",
    "test",
}


def wants_warm_up(argv=None):
    """Whether this process should load the Chinese text tools when it starts: web
    workers, task workers and runserver do; the commands above do not.
    SEARCH_WARM_UP=0 or 1 decides outright."""
    setting = os.environ.get("SEARCH_WARM_UP", "").strip().lower()
    if setting in {"0", "false", "no", "off"}:
        return False
    if setting in {"1", "true", "yes", "on"}:
        return True
    argv = sys.argv if argv is None else argv
    if len(argv) > 1 and os.path.basename(argv[0]) in {"manage.py", "django-admin"}:
        return argv[1] not in NO_WARM_UP_COMMANDS
    return True


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        if wants_warm_up():
            from .chinese import warm_up

            warm_up()
