"""A page goes live in Chinese only when a translator publishes it there.

These tests press the admin's real buttons (wagtail-localize's "Translate", its
translation editor and "Sync translated pages") through the test client.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from core.translation import sync_translations, translate, translation_statuses
from core.translation_admin import status_label
from tests.factories import articles as factories
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def staff(username, group):
    user = UserFactory(username=username, email=f"{username}@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """Writes and translates; may not publish (Wagtail's "Editors")."""
    return staff("editor", "Editors")


@pytest.fixture
def translator(db):
    """Translates and publishes (Wagtail's "Moderators")."""
    return staff("translator", "Moderators")


@pytest.fixture
def zh():
    return Locale.objects.get(language_code="zh-hans")


def signed_in(client, user):
    client.force_login(user)
    return client


def press_translate(client, page, zh, include_subtree=False):
    """The "Translate" form of wagtail-localize, submitted for Chinese."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    data = {"locales": [zh.pk]}
    if include_subtree:
        data["include_subtree"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]


def translate_and_publish(client, page, zh, strings):
    """What a translator does in wagtail-localize's editor: type each translation,
    then press "Publish in 简体中文"."""
    target = page.get_translation(zh)
    work = Translation.objects.get(source__object_id=page.translation_key, target_locale=zh)
    for segment in StringSegment.objects.filter(source=work.source).select_related("string"):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        url = reverse("wagtail_localize:edit_string_translation", args=[work.pk, segment.pk])
        response = client.put(url, f"value={text}", content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"})
    assert response.status_code == 302


def url_in(page, language_code):
    with translation.override(language_code):
        return page.get_url()


def listed_titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.get_text(" ")


def found_in_search(client, language_code, query):
    response = client.get(f"/{language_code}/search/", {"q": query})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in soup.select(".search-results h2 a")]


def test_translate_makes_a_draft_that_goes_live_when_the_translator_publishes_it(
    client, django_capture_on_commit_callbacks, editor, translator, zh
):
    guide = factories.guide()
    article = factories.make_article(guide, "Night Markets")
    admin = signed_in(client.__class__(), editor)

    with django_capture_on_commit_callbacks(execute=True):
        press_translate(admin, article, zh)

    draft = article.get_translation(zh)
    assert draft.live is False
    chinese_url = url_in(draft, "zh-hans")
    chinese_guide = url_in(guide.get_translation(zh), "zh-hans")
    assert chinese_url.startswith("/zh-hans/")
    assert client.get(chinese_url).status_code == 404
    assert "Night Markets" not in listed_titles(client.get(chinese_guide))
    assert chinese_url not in client.get("/sitemap-pages.xml").content.decode()
    assert found_in_search(client, "zh-hans", "Night Markets") == []
    assert client.get(url_in(article, "en")).status_code == 200  # English is untouched

    with django_capture_on_commit_callbacks(execute=True):
        translate_and_publish(
            signed_in(client.__class__(), translator),
            article,
            zh,
            {"Night Markets": "夜市", "All about Night Markets.": "关于夜市的一切。"},
        )

    response = client.get(chinese_url)
    assert response.status_code == 200
    assert "夜市" in response.content.decode()
    assert "夜市" in listed_titles(client.get(chinese_guide))
    assert "Night Markets" not in listed_titles(client.get(chinese_guide))
    assert chinese_url in client.get("/sitemap-pages.xml").content.decode()
    assert found_in_search(client, "zh-hans", "夜市") == ["夜市"]


def test_translating_a_subtree_keeps_every_page_a_draft(
    client, django_capture_on_commit_callbacks, editor, zh
):
    guide = factories.guide(zh=False)
    translate(guide.get_parent().specific, "zh-hans", {"Longtang": "弄堂"})
    first = factories.make_article(guide, "Tea Houses")
    second = factories.make_article(guide, "Bookshops")

    with django_capture_on_commit_callbacks(execute=True):
        press_translate(signed_in(client.__class__(), editor), guide, zh, include_subtree=True)

    for page in (guide, first, second):
        draft = page.get_translation(zh)
        assert draft.live is False
        assert client.get(url_in(draft, "zh-hans")).status_code == 404
    home = client.get("/zh-hans/").content.decode()
    assert "Tea Houses" not in home and "Bookshops" not in home


def test_a_parent_not_translated_yet_is_a_placeholder_that_stays_offline(
    client, django_capture_on_commit_callbacks, editor, translator, zh
):
    guide = factories.guide(zh=False)
    translate(guide.get_parent().specific, "zh-hans", {"Longtang": "弄堂"})
    article = factories.make_article(guide, "Night Markets")

    with django_capture_on_commit_callbacks(execute=True):
        press_translate(signed_in(client.__class__(), editor), article, zh)

    placeholder = guide.get_translation(zh)
    assert placeholder.alias_of_id == guide.pk  # wagtail-localize's stand-in for the guide
    assert client.get(url_in(placeholder, "zh-hans")).status_code == 404

    guide.title = "City guide, revised"
    factories.publish(guide)  # Wagtail republishes aliases of a published page
    placeholder.refresh_from_db()
    assert placeholder.live is False
    assert client.get(url_in(placeholder, "zh-hans")).status_code == 404
    assert "City guide, revised" not in client.get("/zh-hans/").content.decode()
    assert url_in(placeholder, "zh-hans") not in client.get("/sitemap-pages.xml").content.decode()

    # The article, once its translator publishes it, is served below the placeholder.
    with django_capture_on_commit_callbacks(execute=True):
        translate_and_publish(
            signed_in(client.__class__(), translator), article, zh, {"Night Markets": "夜市"}
        )
    assert client.get(url_in(article.get_translation(zh), "zh-hans")).status_code == 200
    assert client.get(url_in(placeholder, "zh-hans")).status_code == 404


def test_sync_with_publish_immediately_republishes_only_live_translations(
    client, django_capture_on_commit_callbacks, editor, translator, zh
):
    guide = factories.guide()
    live = factories.make_article(guide, "Tea Houses", zh="茶馆")
    pending = factories.make_article(guide, "Bookshops")
    admin = signed_in(client.__class__(), translator)
    with django_capture_on_commit_callbacks(execute=True):
        press_translate(signed_in(client.__class__(), editor), pending, zh)

    for page in (live, pending):
        page.slug = f"{page.slug}-2026"
        factories.publish(page)
        source = Translation.objects.get(source__object_id=page.translation_key, target_locale=zh).source
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        assert admin.get(url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            assert admin.post(url, {"publish_translations": "on"}).status_code == 302

    assert client.get("/zh-hans/guide/tea-houses-2026/").status_code == 200
    assert "茶馆" in client.get("/zh-hans/guide/tea-houses-2026/").content.decode()
    still_draft = pending.get_translation(zh)
    assert still_draft.live is False
    assert still_draft.get_latest_revision_as_object().slug == "bookshops-2026"  # the draft follows
    assert client.get("/zh-hans/guide/bookshops-2026/").status_code == 404


def test_sync_translations_never_publishes_a_translation_nobody_published(
    client, django_capture_on_commit_callbacks, editor, zh
):
    """The road an owner's fact change takes once an editor applies it."""
    guide = factories.guide()
    live = factories.make_article(guide, "Tea Houses", zh="茶馆")
    pending = factories.make_article(guide, "Bookshops")
    with django_capture_on_commit_callbacks(execute=True):
        press_translate(signed_in(client.__class__(), editor), pending, zh)

    assert [p.live for p in sync_translations(live)] == [True]
    assert [p.live for p in sync_translations(pending)] == [False]
    assert client.get(url_in(live.get_translation(zh), "zh-hans")).status_code == 200
    assert client.get(url_in(pending.get_translation(zh), "zh-hans")).status_code == 404


def test_the_chinese_guide_lists_only_translated_articles(
    client, django_capture_on_commit_callbacks, editor, zh
):
    guide = factories.guide()
    factories.make_article(guide, "Tea Houses", zh="茶馆")
    pending = factories.make_article(guide, "Bookshops")
    factories.make_article(guide, "Jazz Bars")  # never sent for translation
    with django_capture_on_commit_callbacks(execute=True):
        press_translate(signed_in(client.__class__(), editor), pending, zh)

    text = listed_titles(client.get("/zh-hans/guide/"))
    assert "茶馆" in text
    assert "Bookshops" not in text and "Jazz Bars" not in text and "Tea Houses" not in text
    english = listed_titles(client.get("/en/guide/"))
    assert all(title in english for title in ("Tea Houses", "Bookshops", "Jazz Bars"))


def switcher_links(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a[hreflang]")}


def hreflang_alternates(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}


def test_the_switcher_falls_back_to_the_nearest_translated_ancestor(client):
    guide = factories.guide()
    article = factories.make_article(guide, "Jazz Bars")

    response = client.get("/en/guide/jazz-bars/")
    assert switcher_links(response)["zh-hans"] == "/zh-hans/guide/"
    assert "zh-hans" not in hreflang_alternates(response)

    translate(article, "zh-hans", {"Jazz Bars": "爵士酒吧"})
    response = client.get("/en/guide/jazz-bars/")
    assert switcher_links(response)["zh-hans"] == "/zh-hans/guide/jazz-bars/"
    assert "zh-hans" in hreflang_alternates(response)


def test_the_switcher_skips_ancestors_that_are_not_translated(client, restaurants, zh):
    from directory.models import DirectoryCategoryPage
    from tests.factories.directory import make_venue

    directory = restaurants.get_parent().specific
    bars = factories.publish(directory.add_child(instance=DirectoryCategoryPage(title="Bars", slug="bars")))
    venue = make_venue(bars, "Blue Note")

    response = client.get(url_in(venue, "en"))
    assert response.status_code == 200
    assert switcher_links(response)["zh-hans"] == url_in(directory.get_translation(zh), "zh-hans")

    translate(bars, "zh-hans", {"Bars": "酒吧"})
    response = client.get(url_in(venue, "en"))
    assert switcher_links(response)["zh-hans"] == url_in(bars.get_translation(zh), "zh-hans")


def test_the_admin_shows_how_far_each_page_is_translated(
    client, django_capture_on_commit_callbacks, editor, translator, zh
):
    guide = factories.guide()
    article = factories.make_article(guide, "Night Markets")
    admin = signed_in(client.__class__(), editor)
    explorer = reverse("wagtailadmin_explore", args=[guide.pk])
    assert "简体中文: not translated" in admin.get(explorer).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        press_translate(admin, article, zh)
    assert "简体中文: 0% translated, not published" in admin.get(explorer).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        translate_and_publish(
            signed_in(client.__class__(), translator),
            article,
            zh,
            {"Night Markets": "夜市", "All about Night Markets.": "关于夜市的一切。"},
        )
    page = admin.get(explorer).content.decode()
    assert "简体中文: 100% translated, live" in page
    assert (
        "简体中文: 100% translated, live"
        in admin.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    )
    with translation.override("zh-hans"):
        assert [status_label(s) for s in translation_statuses(article)] == ["简体中文：已翻译 100%，已上线"]
