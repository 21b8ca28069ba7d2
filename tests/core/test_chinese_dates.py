"""Relative times and dates read the way each language writes them: "3 天前", "刚刚",
"2026年12月2日", "12月2日 周三" in Chinese; "3 days ago", "December 2, 2026" in English."""

from datetime import date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format
from freezegun import freeze_time

from core.dates import ago, day_and_time, day_with_weekday
from events.dates import SHANGHAI
from tests.factories import events
from tests.factories.classifieds import ListingFactory
from tests.factories.users import verified_user

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=SHANGHAI)  # a Wednesday


@pytest.mark.parametrize(
    ("before", "chinese", "english"),
    [
        (timedelta(seconds=0), "刚刚", "just now"),
        (timedelta(seconds=59), "刚刚", "just now"),
        (timedelta(minutes=1), "1\xa0分钟前", "1\xa0minute ago"),
        (timedelta(minutes=45), "45\xa0分钟前", "45\xa0minutes ago"),
        (timedelta(hours=3, minutes=20), "3\xa0小时前", "3\xa0hours ago"),
        (timedelta(days=1, hours=5), "1\xa0天前", "1\xa0day ago"),
        (timedelta(days=15), "2\xa0周前", "2\xa0weeks ago"),
        (timedelta(days=70), "2\xa0个月前", "2\xa0months ago"),
        (timedelta(days=400), "1\xa0年前", "1\xa0year ago"),
    ],
)
def test_relative_times_are_one_natural_phrase_in_each_language(before, chinese, english):
    with translation.override("zh-hans"):
        assert ago(NOW - before, NOW) == chinese
    with translation.override("en"):
        assert ago(NOW - before, NOW) == english


def test_a_moment_in_the_future_is_just_now_not_a_negative_span():
    with translation.override("zh-hans"):
        assert ago(NOW + timedelta(minutes=5), NOW) == "刚刚"


def test_the_ago_filter_renders_in_the_active_language():
    template = Template("{% load longtang_dates %}{{ moment|ago }}|{{ day|day_with_weekday }}")
    context = Context({"moment": timezone.now() - timedelta(days=2), "day": date(2026, 12, 2)})
    with translation.override("zh-hans"):
        assert template.render(context) == "2\xa0天前|12月2日 周三"
    with translation.override("en"):
        assert template.render(context) == "2\xa0days ago|Wednesday December 2"


def test_chinese_dates_are_written_year_month_day_without_padding():
    with translation.override("zh-hans"):
        assert date_format(date(2026, 12, 2), "DATE_FORMAT") == "2026年12月2日"
        assert date_format(date(2026, 3, 7), "MONTH_DAY_FORMAT") == "3月7日"
        assert date_format(date(2026, 3, 7), "YEAR_MONTH_FORMAT") == "2026年3月"
        assert date_format(datetime(2026, 3, 7, 9, 5), "DATETIME_FORMAT") == "2026年3月7日 09:05"
        assert day_with_weekday(date(2026, 3, 7)) == "3月7日 周六"
        assert day_and_time(date(2026, 3, 7), "20:00") == "3月7日 周六 20:00"
    with translation.override("en"):
        assert day_and_time(date(2026, 3, 7), "20:00") == "Saturday March 7, 20:00"


@pytest.mark.django_db
def test_listing_cards_say_when_in_chinese(client):
    with freeze_time(NOW):
        ListingFactory(
            title="静安寺两居室",
            language="zh-hans",
            published_at=NOW - timedelta(days=3),
            bumped_at=NOW - timedelta(days=3),
        )
        ListingFactory(
            title="新天地一居室",
            language="zh-hans",
            refreshed_at=NOW - timedelta(hours=2),
            bumped_at=NOW - timedelta(hours=2),
        )
        ListingFactory(title="徐家汇合租", language="zh-hans", published_at=NOW, bumped_at=NOW)
        page = BeautifulSoup(client.get("/zh-hans/classifieds/housing/").content.decode(), "html.parser")
    meta = {
        card.h3.get_text(strip=True): card.select_one(".listing-meta").get_text(" ", strip=True)
        for card in page.select(".listing-card")
    }
    assert meta["静安寺两居室"].startswith("3\xa0天前发布")
    assert meta["新天地一居室"].startswith("2\xa0小时前刷新")
    assert meta["徐家汇合租"].startswith("刚刚发布")
    assert not any("ago" in text or "前前" in text for text in meta.values())


@pytest.mark.django_db
def test_the_owner_sees_the_expiry_date_in_chinese_order(client):
    owner = verified_user()
    listing = ListingFactory(
        owner=owner, language="zh-hans", expires_at=datetime(2026, 12, 30, 12, tzinfo=SHANGHAI)
    )
    client.force_login(owner)
    body = client.get(listing.get_absolute_url().replace("/en/", "/zh-hans/", 1)).content.decode()
    assert "2026年12月30日到期" in body


@pytest.mark.django_db
def test_member_since_is_a_chinese_year_and_month(client):
    member = verified_user(username="meimei")
    member.date_joined = datetime(2025, 3, 14, 10, tzinfo=SHANGHAI)
    member.save()
    assert "2025年3月加入" in client.get("/zh-hans/members/meimei/").content.decode()
    assert "Member since March 2025" in client.get("/en/members/meimei/").content.decode()


@pytest.mark.django_db
@freeze_time("2026-03-02 04:00:00")
def test_the_month_grid_names_weekdays_the_chinese_way(client):
    events.events_calendar()
    page = BeautifulSoup(client.get("/zh-hans/events/month/").content.decode(), "html.parser")
    assert [th.get_text(strip=True) for th in page.select("thead th")] == [
        "周一",
        "周二",
        "周三",
        "周四",
        "周五",
        "周六",
        "周日",
    ]
    english = BeautifulSoup(client.get("/en/events/month/").content.decode(), "html.parser")
    assert [th.get_text(strip=True) for th in english.select("thead th")][0] == "Mon"
