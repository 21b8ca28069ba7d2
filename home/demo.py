"""Demo content for the home app: the home page and an about page in both languages.

Other apps add their own builders; ``load_demo_content`` runs them in order.
"""

from django.db import transaction
from wagtail.models import Locale

from core.models import SiteChrome
from core.translation import translate

from .models import HomePage, StandardPage

ZH = {
    "Longtang": "弄堂",
    "Welcome to Longtang": "欢迎来到弄堂",
    "Your neighbourhood guide to Shanghai: places to eat and drink, things to do, homes, jobs and a community that speaks your language.": "你的上海街坊指南：吃喝好去处、活动、租房、工作，以及一个说你语言的社区。",
    "About Longtang": "关于弄堂",
    "Start here": "从这里开始",
    "Longtang is a community portal for everyone who lives in or visits Shanghai, in English and Chinese.": "弄堂是为所有在上海生活或到访上海的人打造的中英双语社区门户。",
    "About": "关于我们",
    "Who we are and how the portal works.": "我们是谁，以及网站如何运作。",
    "Longtang is named after the lane neighbourhoods of old Shanghai, where neighbours share news, tips and a helping hand.": "弄堂之名来自老上海的里弄街区，在那里邻居们分享消息、建议，互相帮忙。",
    "We publish a city guide and a venue directory, list events, and host classifieds posted by our members. Every page is available in English and Chinese.": "我们发布城市指南和场所名录，列出各类活动，并提供会员发布的分类信息。每个页面都有中英文两种版本。",
    "Contact us through the support page if something is wrong or missing.": "如发现错误或遗漏，请通过客服页面联系我们。",
}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@transaction.atomic
def build():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        raise RuntimeError("No English home page: run migrations first.")

    about = StandardPage.objects.filter(locale=english, slug="about").first()
    if about is None:
        about = home.add_child(instance=StandardPage(title="About", slug="about", locale=english))
    about.title = "About"
    about.show_in_menus = True
    about.search_description = "Who we are and how the portal works."
    about.introduction = (
        "Longtang is named after the lane neighbourhoods of old Shanghai, "
        "where neighbours share news, tips and a helping hand."
    )
    about.body = [
        (
            "rich_text",
            "<p>We publish a city guide and a venue directory, list events, and host classifieds "
            "posted by our members. Every page is available in English and Chinese.</p>"
            "<p>Contact us through the support page if something is wrong or missing.</p>",
        ),
    ]
    _publish(about)

    home.title = "Longtang"
    home.body = [
        (
            "hero",
            {
                "heading": "Welcome to Longtang",
                "text": (
                    "Your neighbourhood guide to Shanghai: places to eat and drink, things to do, "
                    "homes, jobs and a community that speaks your language."
                ),
                "link_page": about,
                "link_label": "About Longtang",
            },
        ),
        (
            "rich_text",
            "<p>Longtang is a community portal for everyone who lives in or visits Shanghai, "
            "in English and Chinese.</p>",
        ),
        ("featured_pages", {"heading": "Start here", "pages": [about]}),
    ]
    _publish(home)

    translate(home, "zh-hans", ZH)
    translate(about, "zh-hans", ZH)

    chrome = SiteChrome.load()
    chrome.footer_links = [("page", {"page": about, "label": ""})]
    chrome.save()
    return {"home": home, "about": about}
