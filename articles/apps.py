from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("City guide")

    def ready(self):
        from core.personal_data import registry

        from .models import ArticleAuthor, ArticlePage, Author, Topic

        registry.exempt(
            Author,
            "A contributor's byline, photo and biography, published on purpose by editors",
        )
        registry.exempt(ArticleAuthor, "Which published byline an article carries")
        registry.exempt(ArticlePage, "Editorial text written and published by editors, about no member")
        registry.exempt(Topic, "The name of a subject of the city guide, not of a person")
