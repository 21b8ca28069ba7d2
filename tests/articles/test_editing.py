"""Editors create guides and articles in the admin, with bylines, topics and tags,
and preview them."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from home.models import HomePage
from tests.factories import articles as factories


class ArticleEditingTest(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale__language_code="en")
        self.login()

    def test_page_rules(self):
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_editor_creates_an_article_with_a_byline_topic_and_tags(self):
        guide = factories.guide(zh=False)
        topic = factories.topic(zh=None)
        author = factories.author(zh=None)
        self.assertCanCreate(
            guide,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Night Markets",
                    "slug": "night-markets",
                    "standfirst": "Where to snack after dark.",
                    "hero_caption": "",
                    "hero_credit": "",
                    "topic": topic.pk,
                    "tags": "food, late-night",
                    "date": "2026-11-20",
                    "updated": "",
                    "sponsor": "",
                    "article_authors": inline_formset([{"author": author.pk}]),
                    "body": streamfield(
                        [
                            ("rich_text", rich_text("<p>Start at the river.</p>")),
                            ("quote", {"text": "Bring cash", "attribution": ""}),
                        ]
                    ),
                }
            ),
        )
        article = ArticlePage.objects.get(slug="night-markets")
        assert [a.name for a in article.authors()] == ["Mei Chen"]
        assert sorted(t.name for t in article.tags.all()) == ["food", "late-night"]
        assert article.topic == topic

    def test_articles_preview_and_render(self):
        guide = factories.guide(zh=False)
        article = factories.make_article(guide, "Preview Me", topic=factories.topic(zh=None))
        self.assertPageIsRenderable(article)
        self.assertPageIsRenderable(guide)
        self.assertPageIsRenderable(guide, route_path="/topic/food-drink/")
        self.assertPageIsPreviewable(
            article,
            post_data=nested_form_data(
                {
                    "title": "Preview Me",
                    "slug": "preview-me",
                    "standfirst": "A first look.",
                    "hero_caption": "",
                    "hero_credit": "",
                    "tags": "",
                    "date": "2026-11-20",
                    "updated": "",
                    "sponsor": "",
                    "article_authors": inline_formset([]),
                    "body": streamfield([("rich_text", rich_text("<p>Draft text.</p>"))]),
                }
            ),
        )

    def test_topics_and_authors_are_listed_in_the_admin_by_language(self):
        factories.guide(zh=False)
        factories.topic()
        factories.author()
        topics = self.client.get("/admin/snippets/articles/topic/?locale=zh-hans")
        assert topics.status_code == 200
        assert "美食美饮" in topics.content.decode()
        authors = self.client.get("/admin/snippets/articles/author/")
        assert authors.status_code == 200
        assert "Mei Chen" in authors.content.decode()
