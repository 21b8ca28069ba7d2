"""Articles: page rules, what is translated, bylines, sponsorship, related articles."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage, Author, Topic
from home.models import HomePage, StandardPage
from tests.factories.articles import make_article, zh_of

pytestmark = pytest.mark.django_db


def test_page_rules(guide):
    home = HomePage.objects.get(locale__language_code="en")
    assert ArticleIndexPage.can_create_at(home) is False  # one guide per home page
    assert ArticlePage.can_create_at(guide)
    assert not ArticlePage.can_create_at(home)
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_subpage_models() == []
    assert StandardPage not in ArticleIndexPage.allowed_subpage_models()


def test_the_chinese_article_has_chinese_words_and_the_same_facts(guide, food, mei):
    article = make_article(
        guide, "Dumpling Trail", topic=food, tags=["dumplings"], authors=[mei], zh="饺子之路", sponsored=True
    )
    chinese = zh_of(article)
    assert chinese.live
    assert chinese.title == "饺子之路"
    assert chinese.standfirst == "关于饺子之路。"
    assert chinese.topic.name == "美食美饮"  # the Chinese topic, not the English one
    assert chinese.topic.locale.language_code == "zh-hans"
    assert [a.name for a in chinese.authors()] == ["陈梅"]
    assert [t.name for t in chinese.tags.all()] == ["dumplings"]
    assert chinese.date == article.date
    assert chinese.sponsored is True
    assert chinese.slug == article.slug


def test_snippets_declare_what_is_translated():
    assert {f.field_name for f in Topic.translatable_fields if f.is_translated(None)} == {
        "name",
        "description",
    }
    assert {f.field_name for f in Author.translatable_fields if f.is_translated(None)} == {
        "name",
        "role",
        "bio",
    }
    declared = {f.field_name: f.is_translated(None) for f in ArticlePage.override_translatable_fields}
    assert declared["body"] and declared["standfirst"] and declared["topic"]
    assert not declared["date"] and not declared["tags"] and not declared["hero_image"]
    assert not declared["sponsored"] and not declared["slug"]


def test_reserved_slugs_and_dates_are_checked(guide):
    article = ArticlePage(title="Topic", slug="topic", standfirst="x", date=date(2026, 5, 2))
    article.updated = date(2026, 5, 1)
    article.sponsor = "Brand"
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert set(error.value.message_dict) == {"slug", "updated", "sponsored"}


def cards(html):
    """Each article card of a list page, by title."""
    found = {}
    for chunk in html.split('<article class="listing-card article-card')[1:]:
        title = chunk.split("</a></h3>")[0].rsplit(">", 1)[-1]
        found[title] = chunk.split("</article>")[0]
    return found


def header(html):
    return html.split('<header class="article-header">')[1].split("</header>")[0]


def test_a_sponsored_article_is_labelled_on_the_index_and_the_page(client, guide, food):
    make_article(guide, "Plain Story", topic=food)
    make_article(guide, "Brand Story", topic=food, sponsored=True, sponsor="Acme Tea")

    index = cards(client.get("/en/guide/").content.decode())
    assert "Sponsored" in index["Brand Story"]
    assert "Sponsored" not in index["Plain Story"]
    assert "article-sponsored" in index["Brand Story"]

    page = header(client.get("/en/guide/brand-story/").content.decode())
    assert '<span class="badge badge-sponsored">Sponsored</span>' in page
    assert "Paid for by Acme Tea" in page
    assert "Sponsored" not in header(client.get("/en/guide/plain-story/").content.decode())


def test_the_sponsored_label_is_translated(client, guide, food):
    make_article(guide, "Brand Story", topic=food, sponsored=True, zh="品牌故事")
    response = client.get("/zh-hans/guide/brand-story/")
    assert response.status_code == 200
    assert "赞助内容" in response.content.decode()


def test_related_articles_share_a_topic_or_tag_and_leave_out_itself_and_drafts(guide, food, nightlife):
    article = make_article(guide, "Noodles", topic=food, tags=["noodles"])
    same_topic = make_article(guide, "Dumplings", topic=food)
    same_tag = make_article(guide, "Late Noodles", topic=nightlife, tags=["noodles"])
    make_article(guide, "Cocktails", topic=nightlife)  # nothing in common
    make_article(guide, "Draft Noodles", topic=food, tags=["noodles"], live=False)
    related = article.related_articles()
    assert set(related) == {same_topic, same_tag}
    assert related[0] == same_tag  # a shared tag counts first
    assert article not in related


def test_related_articles_stay_in_the_readers_language(guide, food):
    article = make_article(guide, "Noodles", topic=food, zh="面条")
    other = make_article(guide, "Dumplings", topic=food, zh="饺子")
    chinese = zh_of(article)
    assert chinese.related_articles() == [zh_of(other)]


def test_the_article_page_shows_bylines_tags_and_related(client, guide, food, mei):
    make_article(guide, "Dumplings", topic=food)
    article = make_article(guide, "Noodles", topic=food, tags=["noodles"], authors=[mei])
    html = client.get(article.url).content.decode()
    assert "Mei Chen" in html and "Eats her way round the city." in html
    assert 'href="/en/guide/tag/noodles/"' in html
    assert 'href="/en/guide/topic/food-drink/"' in html
    assert "Related articles" in html and "Dumplings" in html


def test_the_body_renders_every_block(client, guide, food, restaurants):
    from tests.factories.directory import make_venue

    venue = make_venue(restaurants, "Lane 8 Noodles")
    body = [
        ("rich_text", "<p>Start <b>here</b>.</p>"),
        ("quote", {"text": "Best noodles in town", "attribution": "A regular"}),
        ("venue", {"venue": venue}),
        ("listing_search", {"kind": "housing", "query": "Jing'an <flat>", "label": "Find a flat"}),
        ("listing_search", {"kind": "jobs", "query": "", "label": "Find a job"}),
        ("key_facts", {"heading": "", "facts": [{"label": "Price", "value": "¥30"}]}),
        (
            "table",
            {
                "columns": [{"type": "text", "heading": "Dish"}, {"type": "number", "heading": "Price"}],
                "rows": [{"values": ["Noodles", "30"]}],
            },
        ),
    ]
    article = make_article(guide, "Noodles", topic=food, body=body)
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Best noodles in town" in html and "A regular" in html
    assert "Lane 8 Noodles" in html and venue.url in html
    assert "/en/search/?q=Jing%27an+%3Cflat%3E" in html
    assert "<flat>" not in html
    assert 'href="/en/classifieds/jobs/"' in html
    assert "Key facts" in html and "¥30" in html
    assert '<th scope="col">Dish</th>' in html and "<td>Noodles</td>" in html


def test_an_article_title_cannot_break_out_of_the_page(client, guide, food):
    article = make_article(guide, "Safe", topic=food)
    article.title = '</script><script>alert("x")</script>'
    article.save_revision().publish()
    html = client.get("/en/guide/safe/").content.decode()
    assert "<script>alert" not in html
    assert Locale.objects.count() == 2
