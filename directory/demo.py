"""Demo directory: three categories and thirty venues in English and Chinese, with
hours, tags, photos drawn locally and a few reviews. Safe to run twice."""

import io
from datetime import time

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Locale

from accounts.models import User
from core.models import District, MetroStation
from core.tags import name_tags
from core.translation import translate
from home.models import HomePage

from . import reviews
from .models import DirectoryCategoryPage, DirectoryIndexPage, Review, VenueOpeningPeriod, VenuePage

CATEGORIES = [
    (
        "restaurants",
        "Restaurants",
        "餐厅",
        "Where to eat, from noodle shops to tasting menus.",
        "从面馆到品鉴菜单，去哪儿吃。",
    ),
    (
        "bars",
        "Bars & nightlife",
        "酒吧与夜生活",
        "Cocktail bars, craft beer and late-night spots.",
        "鸡尾酒吧、精酿啤酒和深夜去处。",
    ),
    (
        "cafes",
        "Cafés",
        "咖啡馆",
        "Coffee, cake and a quiet corner to work.",
        "咖啡、蛋糕和一个安静的工作角落。",
    ),
]
# Every demo venue tag's Chinese name (slug → name).
TAG_NAMES_ZH = {
    "bakery": "烘焙",
    "books": "书店",
    "breakfast": "早餐",
    "cheap-eats": "平价美食",
    "cocktails": "鸡尾酒",
    "coffee": "咖啡",
    "craft-beer": "精酿啤酒",
    "cycling": "骑行",
    "dessert": "甜品",
    "dumplings": "饺子",
    "halal": "清真",
    "hotpot": "火锅",
    "karaoke": "卡拉OK",
    "late-night": "深夜",
    "live-music": "现场音乐",
    "noodles": "面食",
    "outdoor": "户外",
    "roastery": "自家烘豆",
    "seafood": "海鲜",
    "spicy": "辣味",
    "steak": "牛排",
    "tea": "茶",
    "vegetarian": "素食",
    "view": "景观",
    "western": "西餐",
    "whisky": "威士忌",
    "wine": "葡萄酒",
    "work-friendly": "适合办公",
}
# (category, English name, Chinese name, district, station, English street, Chinese street, tags, price, hours)
VENUES = [
    (
        "restaurants",
        "Lane 8 Noodles",
        "八号弄面馆",
        "huangpu",
        "nanjingroadeast",
        "8 Henan Middle Road",
        "河南中路8号",
        ["noodles", "cheap-eats"],
        1,
        "lunch-dinner",
    ),
    (
        "restaurants",
        "Jade Dumpling House",
        "玉饺子馆",
        "jingan",
        "jingantemple",
        "120 Yuyuan Road",
        "愚园路120号",
        ["dumplings"],
        1,
        "all-day",
    ),
    (
        "restaurants",
        "Bund Grill",
        "外滩烧烤",
        "huangpu",
        "nanjingroadeast",
        "3 Zhongshan East 1st Road",
        "中山东一路3号",
        ["steak", "view"],
        4,
        "dinner",
    ),
    (
        "restaurants",
        "Old Town Shengjian",
        "老城生煎",
        "huangpu",
        "yuyuangarden",
        "55 Fangbang Middle Road",
        "方浜中路55号",
        ["breakfast", "cheap-eats"],
        1,
        "morning",
    ),
    (
        "restaurants",
        "Sichuan Citizen",
        "四川市民",
        "xuhui",
        "changshuroad",
        "30 Donghu Road",
        "东湖路30号",
        ["spicy"],
        2,
        "lunch-dinner",
    ),
    (
        "restaurants",
        "Green Bowl",
        "绿碗",
        "jingan",
        "changshuroad",
        "210 Julu Road",
        "巨鹿路210号",
        ["vegetarian"],
        2,
        "all-day",
    ),
    (
        "restaurants",
        "Harbour Seafood",
        "海港海鲜",
        "pudong",
        "lujiazui",
        "88 Century Avenue",
        "世纪大道88号",
        ["seafood"],
        3,
        "lunch-dinner",
    ),
    (
        "restaurants",
        "Lao Wang Hotpot",
        "老王火锅",
        "putuo",
        "caoyangroad",
        "66 Lanxi Road",
        "兰溪路66号",
        ["hotpot", "late-night"],
        2,
        "late",
    ),
    (
        "restaurants",
        "Xinjiang Kitchen",
        "新疆厨房",
        "changning",
        "zhongshanpark",
        "15 Changning Road",
        "长宁路15号",
        ["halal"],
        2,
        "lunch-dinner",
    ),
    (
        "restaurants",
        "Tianzifang Bistro",
        "田子坊小馆",
        "huangpu",
        "dapuqiao",
        "210 Taikang Road",
        "泰康路210号",
        ["western"],
        3,
        "dinner",
    ),
    (
        "bars",
        "Speak Low",
        "低语",
        "xuhui",
        "shaanxisouthroad",
        "579 Fuxing Middle Road",
        "复兴中路579号",
        ["cocktails"],
        3,
        "late",
    ),
    (
        "bars",
        "Hops & Lanes",
        "弄堂精酿",
        "jingan",
        "jingantemple",
        "88 Wulumuqi Road",
        "乌鲁木齐路88号",
        ["craft-beer"],
        2,
        "late",
    ),
    (
        "bars",
        "Rooftop 27",
        "27楼天台",
        "huangpu",
        "nanjingroadeast",
        "27 Nanjing East Road",
        "南京东路27号",
        ["view", "cocktails"],
        4,
        "evening",
    ),
    (
        "bars",
        "Jazz Cellar",
        "爵士地窖",
        "huangpu",
        "peoplessquare",
        "12 Fuzhou Road",
        "福州路12号",
        ["live-music"],
        3,
        "late",
    ),
    (
        "bars",
        "The Wine Room",
        "葡萄酒屋",
        "changning",
        "jiangsuroad",
        "40 Yuyuan Road",
        "愚园路40号",
        ["wine"],
        3,
        "evening",
    ),
    (
        "bars",
        "Dive 100",
        "潜水100",
        "jingan",
        "changshuroad",
        "100 Changle Road",
        "长乐路100号",
        ["cheap-eats", "late-night"],
        1,
        "late",
    ),
    (
        "bars",
        "Garden Tap",
        "花园酒馆",
        "xuhui",
        "xujiahui",
        "5 Hengshan Road",
        "衡山路5号",
        ["craft-beer", "outdoor"],
        2,
        "evening",
    ),
    (
        "bars",
        "Neon Karaoke",
        "霓虹KTV",
        "putuo",
        "caoyangroad",
        "18 Zhongshan North Road",
        "中山北路18号",
        ["karaoke", "late-night"],
        2,
        "late",
    ),
    (
        "bars",
        "Whisky Library",
        "威士忌图书馆",
        "jingan",
        "jingantemple",
        "333 Nanjing West Road",
        "南京西路333号",
        ["whisky"],
        4,
        "evening",
    ),
    (
        "bars",
        "Riverside Terrace",
        "滨江露台",
        "pudong",
        "lujiazui",
        "1 Binjiang Avenue",
        "滨江大道1号",
        ["view", "outdoor"],
        3,
        "evening",
    ),
    (
        "cafes",
        "Sycamore Coffee",
        "梧桐咖啡",
        "xuhui",
        "shaanxisouthroad",
        "12 Wukang Road",
        "武康路12号",
        ["coffee", "work-friendly"],
        2,
        "day",
    ),
    (
        "cafes",
        "Paper Moon Books & Coffee",
        "纸月书咖",
        "jingan",
        "jingantemple",
        "77 Yuyuan Road",
        "愚园路77号",
        ["books", "coffee"],
        2,
        "day",
    ),
    (
        "cafes",
        "Morning Lane",
        "晨巷",
        "huangpu",
        "xintiandi",
        "9 Madang Road",
        "马当路9号",
        ["breakfast", "coffee"],
        2,
        "morning",
    ),
    (
        "cafes",
        "Matcha House",
        "抹茶屋",
        "changning",
        "jiangsuroad",
        "66 Huashan Road",
        "华山路66号",
        ["tea", "dessert"],
        2,
        "day",
    ),
    (
        "cafes",
        "Bike & Brew",
        "单车咖啡",
        "yangpu",
        "jiangwanstadium",
        "20 Daxue Road",
        "大学路20号",
        ["coffee", "cycling"],
        1,
        "day",
    ),
    (
        "cafes",
        "Cloud Nine Bakery",
        "九霄面包房",
        "pudong",
        "centuryavenue",
        "101 Zhangyang Road",
        "张杨路101号",
        ["bakery", "dessert"],
        2,
        "morning",
    ),
    (
        "cafes",
        "Quiet Corner",
        "安静角落",
        "hongkou",
        "hailunroad",
        "45 Duolun Road",
        "多伦路45号",
        ["work-friendly", "tea"],
        1,
        "day",
    ),
    (
        "cafes",
        "Night Owl Café",
        "夜猫咖啡",
        "jingan",
        "changshuroad",
        "58 Anfu Road",
        "安福路58号",
        ["late-night", "coffee"],
        2,
        "late",
    ),
    (
        "cafes",
        "Garden Tea House",
        "花园茶室",
        "xuhui",
        "xujiahui",
        "88 Tianping Road",
        "天平路88号",
        ["tea", "outdoor"],
        2,
        "day",
    ),
    (
        "cafes",
        "Roastery 1933",
        "1933烘焙坊",
        "hongkou",
        "hailunroad",
        "10 Shajing Road",
        "沙泾路10号",
        ["coffee", "roastery"],
        3,
        "day",
    ),
]
HOURS = {
    "lunch-dinner": [(time(11), time(14)), (time(17), time(22))],  # split hours
    "all-day": [(time(10), time(21))],
    "dinner": [(time(18), time(23))],
    "morning": [(time(6, 30), time(13))],
    "late": [(time(19), time(2))],  # past midnight
    "evening": [(time(17), time(0, 30))],
    "day": [(time(8), time(19))],
}
PALETTE = [(120, 62, 40), (30, 90, 120), (70, 110, 60), (150, 110, 40), (90, 60, 120)]


def demo_image(title, seed):
    image = PILImage.new("RGB", (1200, 800), PALETTE[seed % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    for n in range(6):
        draw.ellipse(
            [
                100 + n * 160,
                200 + (seed * 37 + n * 53) % 300,
                260 + n * 160,
                360 + (seed * 37 + n * 53) % 300,
            ],
            fill=tuple(min(255, c + 60) for c in PALETTE[(seed + n) % len(PALETTE)]),
        )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return Image.objects.create(title=title, file=ImageFile(out, name=f"venue-{seed}.jpg"))


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@transaction.atomic
def build():
    english = Locale.objects.get(language_code="en")
    if DirectoryIndexPage.objects.filter(locale=english).exists():
        name_tags(TAG_NAMES_ZH)  # a demo built before tags had Chinese names gets them
        return
    home = HomePage.objects.get(locale=english)
    index = home.add_child(
        instance=DirectoryIndexPage(
            title="Directory",
            slug="directory",
            show_in_menus=True,
            locale=english,
            introduction="Restaurants, bars and cafés across the city, reviewed by members.",
        )
    )
    _publish(index)
    strings = {
        "Directory": "城市名录",
        "Restaurants, bars and cafés across the city, reviewed by members.": "全市的餐厅、酒吧和咖啡馆，由会员点评。",
    }
    translate(index, "zh-hans", strings)

    districts = {d.code: d for d in District.objects.all()}
    stations = {s.code: s for s in MetroStation.objects.all()}
    categories = {}
    for slug, name_en, name_zh, intro_en, intro_zh in CATEGORIES:
        category = index.add_child(
            instance=DirectoryCategoryPage(title=name_en, slug=slug, locale=english, introduction=intro_en)
        )
        _publish(category)
        translate(category, "zh-hans", {name_en: name_zh, intro_en: intro_zh})
        categories[slug] = category

    reviewers = list(User.objects.filter(username__in=["lin_mei", "tom_w", "sasha", "zhang_wei"]))
    for seed, (
        cat,
        name_en,
        name_zh,
        district,
        station,
        street_en,
        street_zh,
        tags,
        price,
        pattern,
    ) in enumerate(VENUES):
        venue = VenuePage(
            title=name_en,
            slug=name_en.lower().replace(" & ", "-").replace(" ", "-").replace("é", "e"),
            locale=english,
            introduction=f"{name_en} in {districts[district].name_en}.",
            address_en=f"{street_en}, {districts[district].name_en}, Shanghai",
            address_zh=f"上海市{districts[district].name_zh}{street_zh}",
            district=districts[district],
            station=stations.get(station),
            phone=f"+86 21 6{seed:03d} {1000 + seed * 7:04d}",
            price_level=price,
            cover_image=demo_image(name_en, seed),
        )
        categories[cat].add_child(instance=venue)
        venue.tags.add(*tags)
        for weekday in range(7):
            if pattern == "dinner" and weekday == 0:
                continue  # closed on Mondays
            for opens, closes in HOURS[pattern]:
                VenueOpeningPeriod.objects.create(page=venue, weekday=weekday, opens=opens, closes=closes)
        _publish(venue)
        translate(
            venue,
            "zh-hans",
            {name_en: name_zh, venue.introduction: f"位于{districts[district].name_zh}的{name_zh}。"},
        )
        for n, author in enumerate(reviewers[: seed % 4]):
            review = Review(
                venue=venue,
                author=author,
                rating=5 - (seed + n) % 3,
                text="Lovely place, friendly staff." if n % 2 == 0 else "环境不错，服务热情。",
            )
            review.status = Review.Status.PUBLISHED
            review.save()
        reviews.update_rating(venue.translation_key)
    name_tags(TAG_NAMES_ZH)
