"""What goes into the index and how queries are read (search/chinese.py)."""

import pytest

from search import chinese


def test_a_run_of_chinese_is_indexed_as_words_and_character_pairs():
    tokens = chinese.index_text("浦东新区两房出租").split()
    assert {"浦东", "新区", "浦东新区", "两房", "出租", "东新", "区两"} <= set(tokens)


def test_short_values_also_get_pinyin_and_long_ones_do_not():
    assert {"jingan", "jinganqu"} <= set(chinese.index_text("静安区").split())
    long_text = "静安寺附近。" + "采光好" * 60
    assert "jingan" not in chinese.index_text(long_text).split()


def test_latin_text_is_left_alone():
    assert chinese.index_text("Sunny apartments") == "Sunny apartments"


def test_traditional_text_is_indexed_as_simplified():
    assert "关于" in chinese.index_text("關於我們").split()


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [("  靜安   公寓 ", "静安 公寓"), ("ｊｉｎｇａｎ", "jingan"), ("a\x00b", "a b"), ("x" * 300, "x" * 200)],
)
def test_queries_are_normalised(typed, normalised):
    assert chinese.normalise_query(typed) == normalised


def test_a_query_term_is_split_into_chinese_words_and_latin_text():
    assert chinese.split_term("静安寺apartment") == [("zh", "静安寺"), ("latin", "apartment")]


def test_latin_words_typed_apart_are_also_tried_joined():
    assert chinese.joined_pinyin_alternative(["xin", "tian", "di"]) == "xintiandi"
    assert chinese.joined_pinyin_alternative(["Jing'an"]) is None
    assert chinese.joined_pinyin_alternative(["line", "2"]) is None
