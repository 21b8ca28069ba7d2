"""Celery application for Longtang.

Workers: ``celery -A settings worker``; schedules: ``celery -A settings beat``
(django-celery-beat keeps the schedule in the database).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

app = Celery("longtang")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
