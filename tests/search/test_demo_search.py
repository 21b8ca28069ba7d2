"""What a visitor finds in the demo content of `make run`, on whichever database the
suite runs (SQLite by default, PostgreSQL in CI; `make test` runs this folder on both)."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.search.test_chinese_search import titles

# (language, query, result type, a title that must be among the results)
CASES = [
    ("zh-hans", "小笼包", "pages", "全城最好的小笼包"),
    ("zh-hans", "小籠包", "pages", "全城最好的小笼包"),  # traditional characters
    ("zh-hans", "七宝", "listings", "闵行七宝三室两卫"),
    ("zh-hans", "静安", "listings", "静安寺附近两室一厅"),
    ("zh-hans", "jingan", "listings", "静安寺附近两室一厅"),
    ("zh-hans", "爵士", "events", "爵士地窖深夜场"),
    ("zh-hans", "爵士", "pages", "去哪儿听现场爵士"),
    ("zh-hans", "火锅", "events", "火锅晚宴俱乐部"),
    ("zh-hans", "xin tian di", "venues", "晨巷"),
    ("zh-hans", "xintiandi", "venues", "晨巷"),
    ("en", "dumplings", "pages", "The Best Soup Dumplings in Town"),
    ("en", "jazz", "events", "Jazz Cellar Late Session"),
]


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo_content` once for the module, rolled back after it; its images go
    to a temporary folder, as every other test's uploads do."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "result_type", "title"), CASES)
def test_the_demo_content_is_found_in_chinese_pinyin_and_english(
    client, demo_content, language, query, result_type, title
):
    found = titles(client.get(f"/{language}/search/", {"q": query, "type": result_type}))
    assert title in found


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_example_the_search_page_gives_finds_something(client, demo_content, language):
    """The hint under the search box promises its examples work: each finds results."""
    page = BeautifulSoup(client.get(f"/{language}/search/").content.decode(), "html.parser")
    examples = re.findall(r"“([^”]+)”", page.select_one("#search-hint").get_text())
    assert len(examples) == 3
    for example in examples:
        assert titles(client.get(f"/{language}/search/", {"q": example})), example
