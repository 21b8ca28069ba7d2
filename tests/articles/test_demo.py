"""The demo city guide: twenty articles in both languages, and a curated home page."""

import time

import pytest

from articles import demo
from articles.models import ArticlePage, Author, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_guide_is_built_in_both_languages_once(client, demo_site):
    started = time.monotonic()
    demo.build()
    assert time.monotonic() - started < 60
    demo.build()  # safe to run twice
    for code in ("en", "zh-hans"):
        assert ArticlePage.objects.live().filter(locale__language_code=code).count() == 20
        assert Topic.objects.filter(locale__language_code=code).count() == 5
        assert Author.objects.filter(locale__language_code=code).count() == 4
    assert ArticlePage.objects.filter(sponsored=True, locale__language_code="en").count() == 3

    chinese = client.get("/zh-hans/guide/")
    assert chinese.status_code == 200
    assert "全城最好的小笼包" in chinese.content.decode()
    article = client.get("/zh-hans/guide/the-best-soup-dumplings-in-town/").content.decode()
    assert "陈梅" in article and "美食美饮" in article and "要点" in article

    english_home = client.get("/en/").content.decode()
    assert "Editors&#x27; picks" in english_home and "Latest from the city guide" in english_home
    chinese_home = client.get("/zh-hans/").content.decode()
    assert "编辑精选" in chinese_home and "城市指南最新文章" in chinese_home
    assert "The Best Soup Dumplings" not in chinese_home
    picks = chinese_home.split("<h2>编辑精选</h2>")[1].split("</section>")[0]
    assert picks.index("藏在门后的鸡尾酒吧") < picks.index("西岸的画廊") < picks.index("水乡一日游")
