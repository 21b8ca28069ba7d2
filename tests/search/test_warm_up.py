"""Chinese text tools load when a process starts, not on its first search."""

import jieba

from search.apps import wants_warm_up


def test_jieba_is_ready_once_the_apps_are():
    assert jieba.dt.initialized


def test_commands_that_never_search_start_without_it(monkeypatch):
    monkeypatch.delenv("SEARCH_WARM_UP", raising=False)
    assert not wants_warm_up(["manage.py", "makemigrations"])
    assert not wants_warm_up(["manage.py", "migrate"])
    assert wants_warm_up(["manage.py", "runserver"])
    assert wants_warm_up(["manage.py", "update_index"])
    assert wants_warm_up(["/venv/bin/gunicorn", "settings.wsgi"])
    assert wants_warm_up(["/venv/bin/celery", "-A", "settings", "worker"])
    monkeypatch.setenv("SEARCH_WARM_UP", "0")
    assert not wants_warm_up(["/venv/bin/gunicorn", "settings.wsgi"])
