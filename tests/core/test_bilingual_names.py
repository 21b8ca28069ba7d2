"""Every name a visitor sees comes in their language: tags, the personal-data table
of the privacy policy, venue names repeated away from the venue's page, and the
sign-in pages."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from taggit.models import Tag

from core.tags import set_chinese_name
from tests.factories.articles import make_article
from tests.factories.directory import make_venue

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def name_in_chinese(slug, name_zh):
    set_chinese_name(Tag.objects.get(slug=slug), name_zh)


def jsonld_of(html, kind):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == kind)


# --- Tags --------------------------------------------------------------------------------


@pytest.fixture
def guide(db):
    from tests.factories import articles

    return articles.guide()


@pytest.fixture
def music_article(guide):
    from tests.factories import articles

    article = make_article(
        guide, "Live Jazz", topic=articles.topic(), tags=["music", "late-night"], zh="现场爵士"
    )
    name_in_chinese("music", "音乐")
    return article


def test_the_chinese_tag_page_names_the_tag_in_chinese(client, music_article):
    chinese = soup(client.get("/zh-hans/guide/tag/music/"))
    assert chinese.h1.get_text() == "标签为“音乐”的文章"
    assert "音乐" in chinese.title.get_text()
    assert "music" not in chinese.h1.get_text() + chinese.title.get_text()
    english = soup(client.get("/en/guide/tag/music/"))
    assert english.h1.get_text() == "Tagged “music”"


def test_a_tag_nobody_named_in_chinese_shows_its_english_name(client, music_article):
    chinese = soup(client.get("/zh-hans/guide/tag/late-night/"))
    assert chinese.h1.get_text() == "标签为“late-night”的文章"


def test_the_chinese_article_lists_its_tags_and_keywords_in_chinese(client, music_article):
    response = client.get("/zh-hans/guide/live-jazz/")
    chips = [a.get_text() for a in soup(response).select(".article-tags a")]
    assert sorted(chips) == ["late-night", "音乐"]
    assert sorted(jsonld_of(response.content.decode(), "Article")["keywords"]) == ["late-night", "音乐"]
    english = client.get("/en/guide/live-jazz/")
    assert sorted(a.get_text() for a in soup(english).select(".article-tags a")) == ["late-night", "music"]
    assert sorted(jsonld_of(english.content.decode(), "Article")["keywords"]) == ["late-night", "music"]


@pytest.fixture
def tagged_venues(restaurants):
    make_venue(restaurants, "Noodle Bar", tags=["noodles"], zh="面馆")
    make_venue(restaurants, "Cocktail Den", tags=["cocktails"], zh="鸡尾酒吧")
    name_in_chinese("noodles", "面食")
    name_in_chinese("cocktails", "鸡尾酒")


def tag_choices(response):
    select = soup(response).find("select", attrs={"name": "tag"})
    return {option["value"]: option.get_text() for option in select.find_all("option") if option["value"]}


def test_the_chinese_category_filter_offers_tags_in_chinese(client, restaurants, tagged_venues, guide):
    make_article(guide, "Only an article", tags=["paperwork"])  # no venue carries it
    assert tag_choices(client.get("/zh-hans/directory/restaurants/")) == {
        "cocktails": "鸡尾酒",
        "noodles": "面食",
    }
    assert tag_choices(client.get("/en/directory/restaurants/")) == {
        "cocktails": "cocktails",
        "noodles": "noodles",
    }
    filtered = soup(client.get("/zh-hans/directory/restaurants/", {"tag": "noodles"}))
    assert [a.get_text() for a in filtered.select(".listing-card h3 a")] == ["面馆"]


def test_the_chinese_venue_page_names_its_tags_in_chinese(client, restaurants, tagged_venues):
    response = client.get("/zh-hans/directory/restaurants/noodle-bar/")
    assert "面食" in [a.get_text() for a in soup(response).select("a[href$='?tag=noodles']")]
    assert jsonld_of(response.content.decode(), "LocalBusiness")["keywords"] == "面食"


def test_editors_name_a_tag_in_chinese_and_find_the_ones_still_missing(
    admin_client, restaurants, tagged_venues
):
    make_venue(restaurants, "Hotpot House", tags=["hotpot"])
    listing = reverse("wagtailsnippets_taggit_tag:list")

    def missing():
        page = soup(admin_client.get(listing, {"chinese_name": "missing"}))
        return " ".join(row.get_text() for row in page.select("table tbody tr"))

    assert "hotpot" in missing() and "noodles" not in missing()

    hotpot = Tag.objects.get(slug="hotpot")
    edit = reverse("wagtailsnippets_taggit_tag:edit", args=[hotpot.pk])
    form = soup(admin_client.get(edit))
    assert form.find("input", attrs={"name": "name_zh"}) is not None
    response = admin_client.post(edit, {"name": "hotpot", "slug": "hotpot", "name_zh": "火锅"})
    assert response.status_code == 302
    assert "hotpot" not in missing()
    assert tag_choices(admin_client.get("/zh-hans/directory/restaurants/"))["hotpot"] == "火锅"


def test_every_demo_tag_has_a_chinese_name():
    from articles.demo import ARTICLES
    from articles.demo import TAG_NAMES_ZH as ARTICLE_TAGS
    from directory.demo import TAG_NAMES_ZH as VENUE_TAGS
    from directory.demo import VENUES

    assert {tag for article in ARTICLES for tag in article[6]} <= set(ARTICLE_TAGS)
    assert {tag for venue in VENUES for tag in venue[7]} <= set(VENUE_TAGS)
    shared = set(ARTICLE_TAGS) & set(VENUE_TAGS)
    assert {slug: ARTICLE_TAGS[slug] for slug in shared} == {slug: VENUE_TAGS[slug] for slug in shared}
    assert all(
        re.fullmatch(r"[\u4e00-\u9fffA-Z]+", name) for name in [*ARTICLE_TAGS.values(), *VENUE_TAGS.values()]
    )


# --- The privacy policy's "what we collect" table ----------------------------------------

# Names that stay in Latin letters in Chinese text: brands, abbreviations, units.
LATIN_ALLOWED = {
    "API",
    "IP",
    "WeChat",
    "Mailgun",
    "Alipay",
    "Mailchimp",
    "Longtang",
    "CV",
    "PDF",
    "URL",
    "ID",
    "IBAN",
}


def latin_words(text):
    return sorted({word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in LATIN_ALLOWED})


@pytest.fixture
def policies(demo_site):
    from privacy_pages import demo

    demo.build()


def test_the_chinese_privacy_policy_table_is_all_chinese(client, policies):
    table = soup(client.get("/zh-hans/privacy-policy/")).select_one(".personal-data-table")
    text = table.get_text(" ")
    assert latin_words(text) == []
    assert "删除后 90 天删除" in text  # a listing, counted from its deletion
    assert "保留（记录经手的工作人员）" in text
    english = soup(client.get("/en/privacy-policy/")).select_one(".personal-data-table").get_text(" ")
    assert "Deleted 90 days after deletion" in english


def test_the_table_with_staff_data_is_all_chinese_too():
    from django.utils import translation

    from privacy_pages.registry_table import registry_rows, rows_for_display

    with translation.override("zh-hans"):
        cells = [
            str(text)
            for group in rows_for_display(registry_rows(), include_staff=True)
            for row in group["rows"]
            for text in [
                group["title"],
                row["model"],
                row["fields"],
                row["retention"],
                *row["purposes"],
                *row["erase"],
            ]
        ]
    assert len(cells) > 100
    assert {cell: latin_words(cell) for cell in cells if latin_words(cell)} == {}


# --- Venue names repeated away from the venue's page -------------------------------------


@pytest.fixture
def noodles(restaurants):
    return make_venue(restaurants, "Lane Noodles", zh="弄堂面馆")


@pytest.fixture
def untranslated(restaurants):
    return make_venue(restaurants, "Corner Cafe")


@pytest.fixture
def mei(client, noodles, untranslated):
    from directory.models import Review
    from tests.factories.users import verified_user

    user = verified_user(username="mei", email="mei@example.com")
    for venue in (noodles, untranslated):
        Review.objects.create(
            venue=venue, author=user, rating=4, text="Good.", status=Review.Status.PUBLISHED
        )
    client.force_login(user)
    return user


def test_a_chinese_profile_names_the_reviewed_venues_in_chinese(client, mei):
    chinese = soup(client.get("/zh-hans/members/mei/")).get_text()
    assert "弄堂面馆" in chinese and "Lane Noodles" not in chinese
    assert "Corner Cafe" in chinese  # no Chinese page yet: its own name
    english = soup(client.get("/en/members/mei/")).get_text()
    assert "Lane Noodles" in english and "弄堂面馆" not in english


def test_a_chinese_venue_page_that_is_not_live_does_not_lend_its_name(client, mei, noodles):
    from wagtail.models import Locale

    noodles.get_translation(Locale.objects.get(language_code="zh-hans")).unpublish()
    chinese = soup(client.get("/zh-hans/members/mei/")).get_text()
    assert "Lane Noodles" in chinese and "弄堂面馆" not in chinese


def test_the_chinese_dashboard_names_my_reviewed_venues_in_chinese(client, mei):
    cells = [td.get_text() for td in soup(client.get("/zh-hans/accounts/my-posts/")).select("td")]
    assert "弄堂面馆" in cells and "Corner Cafe" in cells and "Lane Noodles" not in cells


def test_the_profile_names_venues_in_a_constant_number_of_queries(client, mei, restaurants):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.models import Review

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/zh-hans/members/mei/").status_code == 200
        return len(captured)

    queries()  # warm the per-process caches (site root, locales)
    before = queries()
    for n in range(3):
        venue = make_venue(restaurants, f"Venue {n}", zh=f"场所{n}")
        Review.objects.create(venue=venue, author=mei, rating=3, text="Fine.", status=Review.Status.PUBLISHED)
    assert queries() == before
    assert "场所2" in soup(client.get("/zh-hans/members/mei/")).get_text()


def test_my_enquiries_name_the_venue_in_chinese(client, mei, noodles):
    from messaging.models import Enquiry

    Enquiry.objects.create(
        sender=mei,
        kind=Enquiry.Kind.VENUE,
        delivery=Enquiry.Delivery.EMAIL,
        venue=noodles,
        about=noodles.title,
        message="Do you take bookings?",
    )
    rows = soup(client.get("/zh-hans/messages/enquiries/")).select("table tbody tr")
    assert "弄堂面馆" in rows[0].get_text() and "Lane Noodles" not in rows[0].get_text()
    assert (
        "Lane Noodles" in soup(client.get("/en/messages/enquiries/")).select("table tbody tr")[0].get_text()
    )


def test_the_proposal_email_names_and_links_the_venue_in_the_recipients_language(noodles):
    from django.core import mail

    from core.mail import render_email
    from directory.models import VenueEditProposal
    from tests.factories.users import verified_user

    proposal = VenueEditProposal.objects.create(
        venue=noodles,
        proposer=verified_user(username="boss"),
        changes={},
        status=VenueEditProposal.Status.APPLIED,
    )
    subject, text, html = render_email(
        "directory/email/proposal_decided", {"proposal": proposal, "applied": True}, "zh-hans"
    )
    assert "弄堂面馆" in subject and "Lane Noodles" not in subject + text + html
    assert "/zh-hans/directory/restaurants/lane-noodles/" in text
    subject, text, html = render_email(
        "directory/email/proposal_decided", {"proposal": proposal, "applied": True}, "en"
    )
    assert "Lane Noodles" in subject and "/en/directory/restaurants/lane-noodles/" in text
    assert not mail.outbox
