"""R-CMS-1: page types and where editors may create them."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage
from directory.models import DirectoryIndexPage
from events.models import EventIndexPage
from home.models import HomePage, StandardPage
from privacy_pages.models import PolicyPage


class PageTreeRulesTest(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale__language_code="en")
        self.login()

    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_takes_standard_policy_directory_events_and_guide_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, PolicyPage, DirectoryIndexPage, EventIndexPage, ArticleIndexPage}
        )

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_editor_can_create_a_standard_page_under_home(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Getting a SIM card",
                    "slug": "sim-card",
                    "introduction": "What you need at the counter.",
                    "body": streamfield([("rich_text", rich_text("<p>Bring your passport.</p>"))]),
                }
            ),
        )
        page = StandardPage.objects.get(slug="sim-card")
        assert page.get_parent().pk == self.home.pk
        assert page.locale.language_code == "en"

    def test_editor_cannot_create_a_second_home_under_home(self):
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_page_renders_in_the_admin_preview(self):
        page = self.home.add_child(instance=StandardPage(title="Visas", slug="visas"))
        self.assertPageIsPreviewable(
            page,
            post_data=nested_form_data(
                {"title": "Visas", "slug": "visas", "introduction": "", "body": streamfield([])}
            ),
        )
        self.assertPageIsRenderable(page)
