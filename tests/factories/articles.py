"""City guide pages for tests: the guide in both languages, topics, authors, articles."""

from datetime import date

from wagtail.models import Locale

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author, Topic
from core.translation import translate
from home.models import HomePage


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def english():
    return Locale.objects.get(language_code="en")


def guide(zh=True):
    """The English guide under the home page, translated to Chinese when ``zh``."""
    home = HomePage.objects.get(locale=english())
    index = ArticleIndexPage.objects.filter(locale=english()).first()
    if index is None:
        index = publish(
            home.add_child(
                instance=ArticleIndexPage(
                    title="City guide", slug="guide", locale=english(), introduction="Stories."
                )
            )
        )
    if zh:
        translate(home, "zh-hans", {"Longtang": "弄堂"})
        translate(index, "zh-hans", {"City guide": "城市指南", "Stories.": "故事。"})
    return index


def topic(name="Food & Drink", slug="food-drink", zh="美食美饮"):
    found = Topic.objects.filter(locale=english(), slug=slug).first()
    if found is None:
        found = Topic.objects.create(name=name, slug=slug, locale=english())
    if zh:
        translate(found, "zh-hans", {name: zh})
    return found


def author(name="Mei Chen", zh="陈梅", bio="Eats her way round the city."):
    found = Author.objects.filter(locale=english(), name=name).first()
    if found is None:
        found = Author.objects.create(name=name, bio=bio, locale=english())
    if zh:
        translate(found, "zh-hans", {name: zh})
    return found


def make_article(
    index,
    title,
    topic=None,
    tags=(),
    authors=(),
    zh=None,
    sponsored=False,
    sponsor="",
    day=None,
    live=True,
    body=(),
    hero_image=None,
):
    article = ArticlePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        standfirst=f"All about {title}.",
        topic=topic,
        sponsored=sponsored,
        sponsor=sponsor,
        date=day or date(2026, 11, 1),
        body=list(body),
        hero_image=hero_image,
        hero_caption="A view" if hero_image else "",
    )
    index.add_child(instance=article)
    for n, person in enumerate(authors):
        ArticleAuthor.objects.create(page=article, author=person, sort_order=n)
    if tags:
        article.tags.add(*tags)
    if not live:
        article.save_revision()
        article.unpublish()
        article.refresh_from_db()
        return article
    article = publish(article)
    if zh:
        translate(article, "zh-hans", {title: zh, f"All about {title}.": f"关于{zh}。"})
    return article


def zh_of(page):
    return page.get_translation(Locale.objects.get(language_code="zh-hans"))
