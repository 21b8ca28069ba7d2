"""The demo calendar: about forty events over the coming eight weeks, in both
languages, some repeating, some at directory venues. Safe to run twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from classifieds import demo as classifieds_demo
from directory import demo as directory_demo
from events import demo
from events.dates import local
from events.models import EventOccurrence, EventPage, EventSubmission
from home import demo as home_demo

pytestmark = pytest.mark.django_db


def test_demo_calendar_in_both_languages(client):
    home_demo.build()
    classifieds_demo.build()
    directory_demo.build()
    demo.build()
    demo.build()
    english = EventPage.objects.live().filter(locale__language_code="en")
    chinese = EventPage.objects.live().filter(locale__language_code="zh-hans")
    assert 35 <= english.count() == chinese.count() <= 45
    assert english.exclude(repeat="").count() >= 5
    assert english.filter(venue__isnull=False).count() >= 15
    now = timezone.now()
    assert all(now - timedelta(days=1) < page.start < now + timedelta(weeks=8) for page in english)
    assert (
        EventOccurrence.objects.filter(page__in=chinese).count()
        == EventOccurrence.objects.filter(page__in=english).count()
    )
    assert set(chinese.values_list("title", flat=True)).isdisjoint(english.values_list("title", flat=True))
    jam = english.get(slug="tuesday-jazz-jam")
    gallery = english.get(slug="first-friday-gallery-night")
    assert local(jam.start).weekday() == 1 and local(gallery.start).weekday() == 4
    assert local(gallery.start).day <= 7 and gallery.repeat == "monthly"
    assert EventSubmission.objects.filter(status="pending", submitter__username="lin_mei").count() == 1
    assert client.get("/en/events/").status_code == 200
    body = client.get("/zh-hans/events/").content.decode()
    assert "周二爵士即兴" in body
