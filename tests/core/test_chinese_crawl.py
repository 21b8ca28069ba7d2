"""Chinese is a first-class language: every public page type, fetched under /zh-hans/,
shows no interface text left in English.

The pages are built with the test factories, with Chinese content on the Chinese pages.
What the content itself says (titles, names, descriptions) is stripped before checking;
whatever Latin words remain in visible text or in the attributes people read (title,
alt, aria-label, placeholder, button values) are interface strings that were never
translated, unless they are brand names, units, file formats or code-like tokens.
"""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from django.urls import reverse
from django.utils import timezone, translation

from classifieds.models import Kind
from core.models import TagName
from core.translation import translate
from newsletters import tokens
from newsletters.models import NewsletterList, Subscriber, Subscription
from privacy_pages.models import PolicyPage
from tests.factories import articles, directory, events
from tests.factories.classifieds import ListingFactory, item, job, personal
from tests.factories.messaging import conversation
from tests.factories.pages import english_home
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db

# Latin words a Chinese page may show: brands and products, file formats and units,
# the name of the other language in the switcher.
ALLOWED_WORDS = {
    "longtang",
    "wechat",
    "alipay",
    "mailgun",
    "mailchimp",
    "google",
    "apple",
    "outlook",
    "word",
    "rss",
    "cookie",
    "cookies",
    "jpeg",
    "png",
    "webp",
    "gif",
    "pdf",
    "docx",
    "ics",
    "zip",
    "json",
    "html",
    "api",
    "id",
    "mb",
    "kb",
    "km",
    "english",
    "utc",
    "ip",
}
# Pinyin examples in the search help: the point is to show Latin input.
ALLOWED_PHRASES = ("jingan", "xin tian di")

MISSING_PAGE = "/zh-hans/no-such-page/"
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
SKIPPED_TAGS = {"script", "style", "template", "code", "pre"}
CODE_LIKE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\S*[\d_/\\@#%=.:]\S*[A-Za-z]\S*|\S*[A-Za-z]\S*[\d_/\\@#%=]\S*"
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def latin_words(text, content):
    """Latin words of ``text`` that are neither content nor allowed."""
    for piece in content:
        text = text.replace(piece, " ")
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    text = CODE_LIKE.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word.lower() not in ALLOWED_WORDS]


def readable_strings(html):
    """(where, text) for every visible text node and every attribute people read."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=True):
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)) or not node.strip():
            continue
        parents = list(node.parents)
        if any(p.name in SKIPPED_TAGS for p in parents):
            continue
        if any(p.name == "head" for p in parents) and node.parent.name != "title":
            continue
        # Text marked as another language (the switcher's "English") is not untranslated.
        if any(p.get("lang") and not p["lang"].lower().startswith("zh") for p in parents if p.name):
            continue
        yield f"<{node.parent.name}>", " ".join(node.split())
    for element in soup.find_all(True):
        if element.get("lang") and not element["lang"].lower().startswith("zh"):
            continue
        for attribute in READ_ATTRIBUTES:
            if element.get(attribute):
                yield f"<{element.name} {attribute}>", element[attribute]
        # A <button> shows its content; an <input> button shows its value.
        is_button = element.name == "input" and element.get("type") in ("submit", "button", "reset")
        if is_button and element.get("value"):
            yield f"<{element.name} value>", element["value"]


def untranslated(client, paths, content):
    """{path: [(where, text, words)]} of the pages that show English interface text."""
    ordered = sorted((piece for piece in content if piece), key=len, reverse=True)
    found = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == (404 if path == MISSING_PAGE else 200), (path, response.status_code)
        assert response.headers["Content-Language"] == "zh-hans", path
        for where, text in readable_strings(response.content.decode()):
            words = latin_words(text, ordered)
            if words:
                found.setdefault(path, []).append((where, text[:120], words))
    return found


def report(found):
    """Each English string once, with the pages that show it."""
    pages = {}
    for path, problems in found.items():
        for where, text, words in problems:
            paths = pages.setdefault((where, text, " ".join(words)), [])
            if path not in paths:
                paths.append(path)
    lines = [
        f"{where} {text!r} ({words}) on {', '.join(paths)}" for (where, text, words), paths in pages.items()
    ]
    return "English interface text on Chinese pages:\n" + "\n".join(lines)


def zh(name, *args, **kwargs):
    with translation.override("zh-hans"):
        return reverse(name, args=args, kwargs=kwargs)


def zh_url(page):
    return articles.zh_of(page).url


@pytest.fixture
def site(db):
    """One of every public page type, in English and Chinese, and the paths to fetch."""
    content = set()

    def text(en, zh_text):
        """Content in both languages: neither is interface text."""
        content.update({en, zh_text})
        return zh_text

    def chinese(zh_text):
        content.add(zh_text)
        return zh_text

    home = english_home()
    translate(home, "zh-hans", {"Longtang": "弄堂"})

    guide = articles.guide()
    content.update({"City guide", "城市指南", "Stories.", "故事。"})
    food = articles.topic(name="Food & Drink", slug="food-drink", zh="美食美饮")
    mei = articles.author(name="Mei Chen", zh="陈梅", bio="Eats her way round the city.")
    content.update({"Food & Drink", "美食美饮", "Mei Chen", "陈梅", "Eats her way round the city."})
    article = articles.make_article(
        guide, "Tea Houses", topic=food, tags=["tea"], authors=[mei], zh=text("Tea Houses", "老茶馆")
    )
    content.update({"All about Tea Houses.", "关于老茶馆。"})
    from taggit.models import Tag

    TagName.objects.update_or_create(tag=Tag.objects.get(slug="tea"), defaults={"name_zh": text("tea", "茶")})

    category = directory.restaurants_category()
    content.update({"Directory", "城市名录", "Restaurants", "餐厅"})
    venue = directory.make_venue(category, "Lane Noodles", tags=["tea"], zh=text("Lane Noodles", "弄堂面馆"))
    content.update({"1 Test Road", "测试路1号", "+86 21 6000 0000"})

    calendar = events.events_calendar()
    content.update({"Events", "活动", "What's on in the city.", "城市活动。", "People's Park"})
    start = timezone.now() + timedelta(days=2)
    event = events.make_event(
        calendar, "Jazz Night", start, zh=text("Jazz Night", "爵士之夜"), location="人民公园"
    )

    policy = english_home().add_child(
        instance=PolicyPage(
            title="Privacy policy",
            slug="privacy-policy",
            introduction="First version.",
            body=[
                ("heading", "What we collect"),
                ("personal_data_table", {"heading": "", "include_staff_data": False}),
                ("cookie_table", {"heading": ""}),
            ],
        )
    )
    policy.save_revision().publish()
    policy.refresh_from_db()
    translate(
        policy,
        "zh-hans",
        {
            "Privacy policy": text("Privacy policy", "隐私政策"),
            "First version.": "第一版。",
            "What we collect": "我们收集的信息",
        },
    )
    content.update({"First version.", "第一版。", "What we collect", "我们收集的信息"})

    poster = verified_user(username="poster")
    poster.profile.display_name = chinese("小王")
    poster.profile.bio = chinese("住在静安，喜欢骑车。")
    poster.profile.save()
    listing_text = {"description": chinese("朝南两居室，近地铁，安静的弄堂。")}
    listings = [
        ListingFactory(owner=poster, title=chinese("静安寺两居室"), language="zh-hans", **listing_text),
        job(
            owner=poster,
            title=chinese("咖啡师"),
            role="咖啡师",
            employer_name=chinese("弄堂咖啡"),
            language="zh-hans",
            **listing_text,
        ),
        item(owner=poster, title=chinese("城市自行车"), language="zh-hans", **listing_text),
        personal(owner=poster, title=chinese("找周末徒步伙伴"), language="zh-hans", **listing_text),
    ]
    content.add(poster.username)

    newsletter, _ = NewsletterList.objects.get_or_create(
        slug="this-week",
        defaults={
            "name_en": "This week in the city",
            "name_zh": "本周城市精选",
            "description_zh": "每周精选。",
        },
    )
    content.update(
        {newsletter.name_en, newsletter.name_zh, newsletter.description_zh, newsletter.description_en}
    )
    subscriber = Subscriber.objects.create(
        email="reader@example.com", language="zh-hans", confirmed_at=timezone.now()
    )
    Subscription.objects.create(subscriber=subscriber, newsletter_list=newsletter)

    anonymous = [
        "/zh-hans/",
        zh_url(guide),
        zh_url(article),
        zh_url(guide) + "topic/food-drink/",
        zh_url(guide) + "tag/tea/",
        zh_url(category.get_parent()),
        zh_url(category),
        zh_url(venue),
        zh_url(calendar),
        zh_url(event),
        zh_url(calendar) + "today/",
        zh_url(calendar) + "weekend/",
        zh_url(calendar) + "month/",
        zh_url(calendar) + f"date/{start.date().isoformat()}/",
        zh("classifieds:overview"),
        *[zh("classifieds:index", kind) for kind in ("housing", "jobs", "buy-sell")],
        *[listing.get_absolute_url().replace("/en/", "/zh-hans/", 1) for listing in listings[:3]],
        zh("search") + "?q=" + "静安寺两居室",
        zh_url(policy),
        zh("account_login"),
        zh("account_signup"),
        zh("account_reset_password"),
        zh("public_profile", poster.username),
        zh("support:contact"),
        zh("newsletters:subscribe"),
        zh("newsletters:preferences", token=tokens.preferences_token(subscriber)),
        zh("privacy:cookie_settings"),
        MISSING_PAGE,
    ]
    signed_in = [
        zh("accounts:dashboard"),
        zh("accounts:profile"),
        zh("accounts:notifications"),
        zh("classifieds:index", Kind.PERSONALS),
        listings[3].get_absolute_url().replace("/en/", "/zh-hans/", 1),
        zh("classifieds:post", "housing"),
        zh("classifieds:saved_searches"),
        zh("messaging:inbox"),
        zh("support:tickets"),
        zh("payments:catalogue"),
        zh("payments:orders"),
        zh("payments:credits"),
        zh("events:submit"),
        zh("messaging:blocked"),
        zh("messaging:enquiries"),
        zh("messaging:direct", "poster"),
        zh("support:new"),
        zh("accounts:phone"),
        zh("privacy:export"),
    ]
    return {
        "content": content,
        "anonymous": anonymous,
        "signed_in": signed_in,
        "poster": poster,
        "listing": listings[0],
    }


def test_every_public_page_type_speaks_chinese_to_a_visitor(client, site):
    found = untranslated(client, site["anonymous"], site["content"])
    assert not found, report(found)


def test_member_pages_speak_chinese_to_a_chinese_member(client, site):
    member = verified_user(username="reader")
    member.profile.preferred_language = "zh-hans"
    member.profile.display_name = "读者"
    member.profile.save()
    thread, _sent = conversation(
        a=member, b=site["poster"], listing=site["listing"], texts=("还在出租吗？", "在的，欢迎来看。")
    )
    client.force_login(member)
    paths = [*site["signed_in"], zh("messaging:thread", thread.pk)]
    content = site["content"] | {"读者", "reader", "还在出租吗？", "在的，欢迎来看。"}
    found = untranslated(client, paths, content)
    assert not found, report(found)


def test_the_checker_finds_an_english_word_and_lets_content_and_brands_pass():
    html = (
        "<html><head><title>弄堂</title></head><body><p>Posted 3 天前</p>"
        '<img alt="Photo 1"><a lang="en" href="/en/">English</a><p>用微信 WeChat 支付</p>'
        '<p>Lane Noodles 的点评</p><input type="submit" value="Save"></body></html>'
    )
    problems = [latin_words(text, ["Lane Noodles"]) for _where, text in readable_strings(html)]
    assert [words for words in problems if words] == [["Posted"], ["Photo"], ["Save"]]
    button = '<button name="action" value="save">保存</button>'
    assert [text for _where, text in readable_strings(button)] == ["保存"]
