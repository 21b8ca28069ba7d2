import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Guide page {n}")
    introduction = "A page about the city."
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))


def english_home():
    return HomePage.objects.get(locale__language_code="en")
