"""Demo city guide: five topics, four authors and twenty articles in English and
Chinese, with pictures drawn locally; the home page gets its curated sections.
Safe to run twice."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core.tags import name_tags
from core.translation import translate
from directory.demo import demo_image
from directory.models import VenuePage
from events.models import EventPage
from home.models import HomePage

from .models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author, Topic

TOPICS = [
    ("food-drink", "Food & Drink", "美食美饮", "Where and what to eat.", "吃什么，去哪儿吃。"),
    ("nightlife", "Nightlife", "夜生活", "Bars, clubs and late nights.", "酒吧、夜店和不眠之夜。"),
    ("arts", "Arts", "艺术", "Galleries, stages and makers.", "画廊、舞台和手艺人。"),
    ("living", "Living", "生活", "Homes, paperwork and daily life.", "住房、手续和日常生活。"),
    ("travel", "Travel", "旅行", "Weekend trips out of the city.", "周末出城游。"),
]
AUTHORS = [
    (
        "Mei Chen",
        "陈梅",
        "Food editor",
        "美食编辑",
        "Mei has eaten her way through every district.",
        "陈梅吃遍了上海每个区。",
    ),
    (
        "Tom Walker",
        "汤姆·沃克",
        "Nightlife writer",
        "夜生活撰稿人",
        "Tom reviews bars so you don't have to.",
        "汤姆替你试遍酒吧。",
    ),
    (
        "Li Na",
        "李娜",
        "Arts editor",
        "艺术编辑",
        "Li Na covers galleries and the stage.",
        "李娜关注画廊与舞台。",
    ),
    (
        "Sasha Ivanova",
        "萨莎·伊万诺娃",
        "Living editor",
        "生活编辑",
        "Sasha moved here ten years ago and still takes notes.",
        "萨莎十年前搬来，至今仍在做笔记。",
    ),
]
# (topic, author, English title, Chinese title, English standfirst, Chinese standfirst, tags, sponsored)
# fmt: off
ARTICLES = [
    ("food-drink", 0, "The Best Soup Dumplings in Town", "全城最好的小笼包", "We tried thirty steamers so you can pick the right one.", "我们尝了三十笼，帮你选出最好的一家。", ["dumplings", "cheap-eats"], False),
    ("food-drink", 0, "A Breakfast Walk Through the Old Town", "老城厢早餐漫步", "Fried buns, soy milk and scallion pancakes before nine.", "九点前吃遍生煎、豆浆和葱油饼。", ["breakfast", "walks"], False),
    ("food-drink", 0, "Noodle Shops Worth the Queue", "值得排队的面馆", "Five bowls that justify the wait.", "五碗值得等待的面。", ["noodles", "cheap-eats"], False),
    ("food-drink", 1, "A Tea House Guide for Beginners", "茶馆入门指南", "How to order, what to taste and when to go.", "怎么点、尝什么、何时去。", ["tea"], True),
    ("food-drink", 0, "Vegetarian Eating Made Easy", "轻松吃素", "Temple kitchens and modern plant-based menus.", "寺庙素斋与现代植物料理。", ["vegetarian"], False),
    ("nightlife", 1, "Cocktail Bars Hidden Behind Doors", "藏在门后的鸡尾酒吧", "Speakeasies that are worth finding.", "值得寻找的地下酒吧。", ["cocktails", "late-night"], False),
    ("nightlife", 1, "Where to Hear Live Jazz", "去哪儿听现场爵士", "Small rooms, big sounds, most nights of the week.", "小场地，大声音，几乎每晚都有。", ["music", "late-night"], False),
    ("nightlife", 1, "Craft Beer Crawl in the Former Concession", "法租界精酿之旅", "Six taprooms within walking distance.", "步行可达的六家精酿酒馆。", ["beer", "walks"], True),
    ("nightlife", 1, "Late-Night Snacks After the Bars", "酒后夜宵", "Skewers, congee and noodles until dawn.", "烧烤、粥和面，一直到天亮。", ["late-night", "cheap-eats"], False),
    ("arts", 2, "Galleries of the West Bund", "西岸的画廊", "A riverside afternoon of contemporary art.", "在江边度过一个当代艺术的下午。", ["galleries", "walks"], False),
    ("arts", 2, "A Night at the Shanghai Opera", "上海歌剧之夜", "What to expect from your first performance.", "第一次看演出需要知道什么。", ["theatre", "music"], False),
    ("arts", 2, "Makers and Workshops in the Lanes", "弄堂里的手艺人与工坊", "Ceramics, print and leather, made nearby.", "陶瓷、版画和皮具，就在身边制作。", ["crafts", "walks"], False),
    ("arts", 2, "Street Art Around Moganshan Road", "莫干山路街头艺术", "Walls that change every season.", "每季都在变化的墙。", ["galleries"], False),
    ("living", 3, "Renting Your First Flat", "租第一套房", "Deposits, agents and the contract, explained.", "押金、中介和合同，一一讲清。", ["housing", "paperwork"], False),
    ("living", 3, "Getting Around by Metro", "坐地铁出行", "Cards, apps and the lines that matter.", "交通卡、应用和重要线路。", ["metro", "paperwork"], False),
    ("living", 3, "Markets for Fresh Food", "买新鲜菜的菜场", "Where locals shop for vegetables and fish.", "本地人买菜买鱼的地方。", ["markets", "cheap-eats"], False),
    ("living", 3, "Parks for a Quiet Sunday", "安静周日去的公园", "Green corners away from the traffic.", "远离车流的绿色角落。", ["parks", "walks"], False),
    ("travel", 2, "A Day in a Water Town", "水乡一日游", "Canals, bridges and an early train.", "运河、石桥和一班早车。", ["day-trips", "walks"], False),
    ("travel", 3, "Hangzhou by High-Speed Rail", "坐高铁去杭州", "West Lake and back before dinner.", "游完西湖，晚饭前回来。", ["day-trips", "rail"], True),
    ("travel", 3, "Islands of the Yangtze Delta", "长江三角洲的岛屿", "Ferries, farms and fresh air.", "渡轮、农田和新鲜空气。", ["day-trips", "parks"], False),
]
# fmt: on
# Every demo article tag's Chinese name (slug → name).
TAG_NAMES_ZH = {
    "beer": "啤酒",
    "breakfast": "早餐",
    "cheap-eats": "平价美食",
    "cocktails": "鸡尾酒",
    "crafts": "手工艺",
    "day-trips": "一日游",
    "dumplings": "饺子",
    "galleries": "画廊",
    "housing": "租房",
    "late-night": "深夜",
    "markets": "菜场",
    "metro": "地铁",
    "music": "音乐",
    "noodles": "面食",
    "paperwork": "办手续",
    "parks": "公园",
    "rail": "铁路",
    "tea": "茶",
    "theatre": "剧场",
    "vegetarian": "素食",
    "walks": "散步",
}
PARAGRAPHS = {
    "food-drink": ("Prices are for one person and were checked this season.", "价格为单人消费，本季核实。"),
    "nightlife": (
        "Most places stay open until two; bring some cash.",
        "大多数地方营业到凌晨两点；请带些现金。",
    ),
    "arts": ("Many galleries close on Mondays; check before you go.", "许多画廊周一闭馆，出发前请确认。"),
    "living": ("Rules change often; ask at your neighbourhood office.", "规定经常变化，请向街道办事处咨询。"),
    "travel": ("Book train tickets a few days ahead at weekends.", "周末请提前几天订火车票。"),
}
QUOTES = {
    "food-drink": ("Come hungry and come early.", "空着肚子，早点来。"),
    "nightlife": ("The city only really wakes up after ten.", "这座城市十点以后才真正醒来。"),
    "arts": ("Every lane has someone making something.", "每条弄堂里都有人在创作。"),
    "living": ("Your neighbours are the best guide you will find.", "邻居是你能找到的最好向导。"),
    "travel": ("An hour on the train and the city is gone.", "火车一小时，城市就远去了。"),
}
FEATURED = ["cocktail-bars-hidden-behind-doors", "galleries-of-the-west-bund", "a-day-in-a-water-town"]
FIXED = {
    "Editors' picks": "编辑精选",
    "Latest from the city guide": "城市指南最新文章",
    "This week": "本周活动",
    "New in classifieds": "分类信息新帖",
    "Top-rated venues": "高分场所",
    "City guide": "城市指南",
    "Stories about living in, eating in and getting out of the city.": "关于在城市里生活、吃喝和出游的故事。",
    "Key facts": "要点",
    "Best for": "适合",
    "Budget": "预算",
    "Everyone": "所有人",
    "Under ¥100": "¥100以内",
    "Find a flat": "找房子",
    "Cover photo": "封面图片",
    "Longtang staff": "弄堂编辑部",
}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translated(instance, strings):
    return translate(instance, "zh-hans", strings)


def _body(topic_slug, venue, event):
    paragraph, _ = PARAGRAPHS[topic_slug]
    quote, _ = QUOTES[topic_slug]
    body = [
        ("rich_text", f"<p>{paragraph}</p>"),
        ("quote", {"text": quote, "attribution": ""}),
        (
            "key_facts",
            {
                "heading": "Key facts",
                "facts": [
                    {"label": "Best for", "value": "Everyone"},
                    {"label": "Budget", "value": "Under ¥100"},
                ],
            },
        ),
    ]
    if venue is not None:
        body.append(("venue", {"venue": venue}))
    if event is not None:
        body.append(("event", {"event": event}))
    if topic_slug == "living":
        body.append(("listing_search", {"kind": "housing", "query": "", "label": "Find a flat"}))
    return body


def _curate_home(home, index):
    """Add the guide's sections to the home page once, in both languages."""
    if any(block.block_type == "featured_articles" for block in home.body):
        return
    by_slug = {page.slug: page for page in ArticlePage.objects.child_of(index).filter(slug__in=FEATURED)}
    picks = [by_slug[slug] for slug in FEATURED if slug in by_slug]
    home.body.append(("featured_articles", {"heading": "Editors' picks", "articles": picks}))
    home.body.append(("latest_articles", {"heading": "Latest from the city guide", "count": 6}))
    home.body.append(("upcoming_events", {"heading": "This week", "count": 4}))
    home.body.append(("newest_listings", {"heading": "New in classifieds", "count": 3}))
    home.body.append(("top_venues", {"heading": "Top-rated venues", "count": 4}))
    _publish(home)
    _translated(home, FIXED)


@transaction.atomic
def build():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    index = ArticleIndexPage.objects.filter(locale=english).first()
    if index is not None:
        _curate_home(home, index)
        name_tags(TAG_NAMES_ZH)  # a demo built before tags had Chinese names gets them
        return
    index = _publish(
        home.add_child(
            instance=ArticleIndexPage(
                title="City guide",
                slug="guide",
                show_in_menus=True,
                locale=english,
                introduction="Stories about living in, eating in and getting out of the city.",
            )
        )
    )
    _translated(index, FIXED)

    topics = {}
    for n, (slug, name, name_zh, description, description_zh) in enumerate(TOPICS):
        topic = Topic.objects.create(
            name=name, slug=slug, description=description, sort_order=n, locale=english
        )
        _translated(topic, {name: name_zh, description: description_zh})
        topics[slug] = topic
    authors = []
    for n, (name, name_zh, role, role_zh, bio, bio_zh) in enumerate(AUTHORS):
        author = Author.objects.create(
            name=name, role=role, bio=bio, photo=demo_image(f"{name} portrait", 200 + n), locale=english
        )
        _translated(author, {name: name_zh, role: role_zh, bio: bio_zh})
        authors.append(author)

    images = [demo_image(f"City guide photo {n + 1}", 300 + n) for n in range(8)]
    venues = list(VenuePage.objects.filter(locale=english).live().order_by("path")[:20])
    events = list(EventPage.objects.filter(locale=english).live().order_by("start")[:20])
    today = timezone.localdate()
    for n, (topic_slug, author_n, title, title_zh, standfirst, standfirst_zh, tags, sponsored) in enumerate(
        ARTICLES
    ):
        venue = venues[n % len(venues)] if venues and topic_slug in ("food-drink", "nightlife") else None
        event = events[n % len(events)] if events and topic_slug in ("arts", "nightlife") else None
        article = ArticlePage(
            title=title,
            slug=title.lower().replace(" ", "-").replace("'", ""),
            locale=english,
            standfirst=standfirst,
            search_description=standfirst,
            hero_image=images[n % len(images)],
            hero_caption="Cover photo",
            hero_credit="Longtang",
            topic=topics[topic_slug],
            date=today - timedelta(days=n * 3),
            updated=today - timedelta(days=n) if n % 5 == 0 else None,
            sponsored=sponsored,
            sponsor="Longtang partners" if sponsored else "",
            body=_body(topic_slug, venue, event),
        )
        index.add_child(instance=article)
        ArticleAuthor.objects.create(page=article, author=authors[author_n], locale=english)
        article.tags.add(*tags)
        _publish(article)
        strings = {
            title: title_zh,
            standfirst: standfirst_zh,
            PARAGRAPHS[topic_slug][0]: PARAGRAPHS[topic_slug][1],
            QUOTES[topic_slug][0]: QUOTES[topic_slug][1],
            **FIXED,
        }
        _translated(article, strings)
    _curate_home(home, index)
    name_tags(TAG_NAMES_ZH)
