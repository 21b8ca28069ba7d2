"""Demo calendar: about forty events over the coming eight weeks, in English and
Chinese, some at directory venues, some repeating. Safe to run twice."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.models import District
from core.translation import translate
from directory.demo import demo_image
from directory.models import VenuePage
from home.models import HomePage

from .dates import SHANGHAI, local_now, shift_month
from .models import EventExceptionDate, EventIndexPage, EventPage

# (English, Chinese, category, venue slug or (district, place, place in Chinese),
#  days from today, start, hours, price (None = free), summary, summary in Chinese)
# fmt: off
ONE_OFFS = [
    ("Jazz Cellar Late Session", "爵士地窖深夜场", "music", "jazz-cellar", 2, "21:30", 4, 120, "Local trio plays until late.", "本地三重奏演到深夜。"),
    ("Rooftop Sunset DJ", "天台日落DJ", "nightlife", "rooftop-27", 3, "18:00", 5, 150, "House music with a view of the Bund.", "伴着外滩景色的浩室音乐。"),
    ("Craft Beer Tasting", "精酿品鉴会", "food", "hops-lanes", 4, "19:30", 2.5, 180, "Six small-batch brews, with the brewers.", "六款小批量精酿，酿酒师到场讲解。"),
    ("Ink and Water: Modern Shanghai Painters", "水墨：上海当代画家", "arts", ('xuhui', 'West Bund Art Centre', '西岸艺术中心'), 1, "all-day", 21, 60, "Three generations of ink painting.", "三代人的水墨画。"),
    ("Family Science Morning", "亲子科学早晨", "family", ('pudong', 'Science and Technology Museum', '科技馆'), 6, "09:30", 3, 80, "Hands-on experiments for ages 6 to 12.", "适合6至12岁的动手实验。"),
    ("Riverside 10K Run", "滨江十公里跑", "sports", ('pudong', 'Binjiang Avenue, by the ferry pier', '滨江大道轮渡码头旁'), 7, "07:00", 2, None, "An easy group run along the river.", "沿江轻松集体跑。"),
    ("Urban Sketching Walk", "城市速写漫步", "arts", ('huangpu', 'Meet at Tianzifang, Lane 210', '田子坊210弄集合'), 7, "14:00", 3, None, "Bring a pen and a small notebook.", "带上笔和小本子。"),
    ("Talk: The Lanes of Old Shanghai", "讲座：老上海的弄堂", "talks", "paper-moon-books-coffee", 9, "19:00", 1.5, 50, "A historian on how the lane houses were built.", "历史学者讲述里弄住宅的建造。"),
    ("Whisky Masterclass", "威士忌大师课", "food", "whisky-library", 10, "20:00", 2, 380, "Five drams from island distilleries.", "五款海岛酒厂威士忌。"),
    ("Karaoke Battle Night", "KTV对决之夜", "nightlife", "neon-karaoke", 11, "21:00", 5, 100, "Teams of four, one trophy.", "四人一队，冠军一个。"),
    ("Dumpling Workshop", "包饺子工作坊", "food", "jade-dumpling-house", 12, "15:00", 2, 160, "Fold, pleat and steam your own lunch.", "亲手包、捏、蒸出自己的午餐。"),
    ("Indie Film Screening", "独立电影放映", "arts", ('yangpu', 'Daxue Road community hall', '大学路社区礼堂'), 13, "19:30", 2.5, 40, "New short films by city directors.", "本市导演的新短片。"),
    ("Open Mic Poetry", "开放麦诗歌", "talks", "quiet-corner", 14, "19:00", 2, None, "Read your own poems in any language.", "用任何语言朗读你自己的诗。"),
    ("Garden Tea Ceremony", "花园茶道", "food", "garden-tea-house", 15, "10:00", 1.5, 120, "Gongfu tea, explained slowly.", "慢慢讲解功夫茶。"),
    ("Kids' Puppet Theatre", "儿童木偶剧", "family", ('changning', 'Zhongshan Park open-air stage', '中山公园露天舞台'), 16, "10:30", 1, 30, "A folk tale told with shadow puppets.", "用皮影讲述民间故事。"),
    ("Classical Guitar Recital", "古典吉他独奏会", "music", ('jingan', "Jing'an Concert Hall", '静安音乐厅'), 17, "19:30", 2, 220, "Spanish and Chinese pieces.", "西班牙与中国曲目。"),
    ("Seafood Night Market", "海鲜夜市", "food", "harbour-seafood", 18, "18:00", 4, None, "Stalls from the harbour kitchen, all evening.", "海港厨房的摊位，整晚开放。"),
    ("Cycling Tour of the French Concession", "法租界骑行游", "sports", "bike-brew", 20, "09:00", 3, 90, "Bikes and helmets provided.", "提供单车和头盔。"),
    ("Photography Walk on the Bund", "外滩摄影漫步", "arts", ('huangpu', 'Meet at the Bund Signal Tower', '外滩信号台集合'), 21, "06:00", 2, None, "Catch the sunrise over Pudong.", "拍摄浦东日出。"),
    ("Vinyl Listening Party", "黑胶聆听派对", "music", "the-wine-room", 22, "20:00", 3, 80, "Bring a record you love.", "带一张你喜欢的唱片。"),
    ("Startup Breakfast Talk", "创业早餐讲座", "talks", "morning-lane", 23, "08:00", 1.5, 60, "Founders share what they learned.", "创业者分享经验。"),
    ("Board Game Afternoon", "桌游下午", "community", "sycamore-coffee", 24, "14:00", 4, None, "Learn a new game with neighbours.", "和邻居一起学新桌游。"),
    ("Spring Flower Fair", "春季花卉市集", "family", ('minhang', 'Minhang Sports Park', '闵行体育公园'), 26, "all-day", 2, None, "Plants, flowers and garden tools.", "植物、鲜花和园艺工具。"),
    ("Hotpot Supper Club", "火锅晚宴俱乐部", "food", "lao-wang-hotpot", 27, "19:00", 2.5, 150, "One long table, many broths.", "一张长桌，多种锅底。"),
    ("Blues Night", "蓝调之夜", "music", "jazz-cellar", 29, "21:00", 3, 100, "Electric blues from a touring band.", "巡演乐队的电声蓝调。"),
    ("Language Exchange Picnic", "语言交换野餐", "community", ('xuhui', 'Xujiahui Park lawn', '徐家汇公园草坪'), 30, "13:00", 3, None, "Chinese and English, half and half.", "中文英文各一半。"),
    ("Calligraphy for Beginners", "书法入门", "talks", "roastery-1933", 32, "14:30", 2, 130, "Brush, ink and your first characters.", "毛笔、墨和你的第一个字。"),
    ("Rooftop Cinema: Classics", "天台电影：经典", "arts", "riverside-terrace", 34, "19:45", 2.5, 90, "A black-and-white Shanghai classic.", "一部上海黑白经典。"),
    ("Charity Run for Stray Cats", "流浪猫慈善跑", "sports", ('hongkou', 'Luxun Park north gate', '鲁迅公园北门'), 36, "08:00", 2, 50, "Every fee goes to the shelter.", "报名费全部捐给救助站。"),
    ("Street Food Festival", "街头美食节", "food", ('putuo', 'Changfeng Park', '长风公园'), 40, "all-day", 3, None, "Snacks from every province.", "各省小吃。"),
    ("Chamber Music Evening", "室内乐之夜", "music", ('huangpu', 'Shanghai Concert Hall', '上海音乐厅'), 43, "19:30", 2, 280, "A string quartet plays Debussy and He Zhanhao.", "弦乐四重奏演奏德彪西与何占豪。"),
    ("Night Owl Quiz", "夜猫知识竞赛", "nightlife", "night-owl-cafe", 45, "21:00", 2, None, "Questions about the city, after dark.", "关于城市的夜间问答。"),
    ("Makers' Market", "创客市集", "community", ('jingan', "Jing'an Sculpture Park", '静安雕塑公园'), 48, "11:00", 6, None, "Handmade goods from local makers.", "本地创客的手工作品。"),
    ("Dragon Boat Practice Open Day", "龙舟训练开放日", "sports", ('qingpu', 'Dianshan Lake rowing centre', '淀山湖赛艇中心'), 52, "09:00", 4, 70, "Paddle with a local team.", "与本地队伍一起划船。"),
]
# fmt: on
# (English, Chinese, category, venue or place, weekday (0 is Monday), start, hours,
#  price, repeat, skip the nth date, summary, summary in Chinese). Weekly series start
#  on the next such weekday, monthly ones on the first such weekday of next month.
# fmt: off
SERIES = [
    ("Tuesday Jazz Jam", "周二爵士即兴", "music", "jazz-cellar", 1, "20:30", 3, None, "weekly", 3, "Bring your instrument and sit in.", "带上乐器来即兴。"),
    ("Pub Quiz at Hops & Lanes", "弄堂精酿酒吧问答", "nightlife", "hops-lanes", 2, "20:00", 2, None, "weekly", 2, "Teams of up to six.", "每队最多六人。"),
    ("Saturday Parkrun", "周六公园跑", "sports", ('xuhui', 'Xujiahui Park main gate', '徐家汇公园正门'), 5, "08:00", 1, None, "weekly", None, "A free timed 5K, every week.", "每周免费计时五公里跑。"),
    ("Toddler Story Time", "幼儿故事时间", "family", "paper-moon-books-coffee", 2, "10:00", 1, 30, "weekly", None, "Picture books in English and Chinese.", "中英双语绘本。"),
    ("First Friday Gallery Night", "每月首个周五画廊夜", "arts", ('huangpu', 'M50 art district', 'M50创意园'), 4, "18:00", 4, None, "monthly", None, "Galleries stay open late.", "画廊延长开放。"),
    ("Monthly Wine Club", "每月葡萄酒俱乐部", "food", "the-wine-room", 3, "19:30", 2, 260, "monthly", None, "A new region every month.", "每月一个新产区。"),
]
# fmt: on


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _when(today, days, start, hours):
    day = today + timedelta(days=days)
    if start == "all-day":
        first = datetime.combine(day, time(0), tzinfo=SHANGHAI)
        return first, first + timedelta(days=max(0, int(hours) - 1)), True
    clock = time.fromisoformat(start)
    begin = datetime.combine(day, clock, tzinfo=SHANGHAI)
    return begin, begin + timedelta(hours=hours), False


def _first_date(today, weekday, repeat):
    day = (
        date(*shift_month(today.year, today.month, 1), 1)
        if repeat == "monthly"
        else today + timedelta(days=1)
    )
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _zh(strings):
    """Translations keyed by the text and by its HTML-escaped form (as stored for
    titles with "&")."""
    return {**strings, **{escape(source): target for source, target in strings.items()}}


def _place(where, venues, districts):
    if isinstance(where, str):
        return {"venue": venues.get(where)}, {}
    district, place_en, place_zh = where
    return {"location": place_en, "district": districts.get(district)}, {place_en: place_zh}


def _event(english, image, lookups, row, **extra):
    title, _zh, category, where, when, price, summary = row
    start, end, all_day = when
    place, place_strings = _place(where, *lookups)
    page = EventPage(
        title=title,
        slug=slugify(title),
        locale=english,
        introduction=summary,
        start=start,
        end=end,
        all_day=all_day,
        category=category,
        is_free=price is None,
        price=None if price is None else Decimal(price),
        image=image,
        body=[("rich_text", RichText(f"<p>{summary}</p>"))],
        **place,
        **extra,
    )
    return page, place_strings


def _pending_submission(index):
    """One event a demo member sent in, waiting in the editors' workflow."""
    from accounts.models import User

    from . import submissions

    member = User.objects.filter(username="lin_mei").first()
    if member is None:
        return
    start = datetime.combine(local_now().date() + timedelta(days=20), time(19), tzinfo=SHANGHAI)
    data = {
        "title": "Lane House Open Studio",
        "category": "arts",
        "start": start,
        "end": start + timedelta(hours=3),
        "location": "Lane 248, Taikang Road",
        "district": District.objects.filter(code="huangpu").first(),
        "is_free": True,
        "description": "Artists open their studios in the lane for one evening.",
        "note": "I am one of the artists.",
    }
    submissions.submit(data, member, index)


@transaction.atomic
def build():
    english = Locale.objects.get(language_code="en")
    if EventIndexPage.objects.filter(locale=english).exists():
        return
    home = HomePage.objects.get(locale=english)
    index = _publish(
        home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                show_in_menus=True,
                locale=english,
                introduction="Concerts, talks, markets and nights out across the city.",
            )
        )
    )
    translate(
        index,
        "zh-hans",
        {
            "Events": "活动",
            "Concerts, talks, markets and nights out across the city.": "全城的音乐会、讲座、市集和夜生活。",
        },
    )
    lookups = (
        {v.slug: v for v in VenuePage.objects.filter(locale=english).select_related("district")},
        {d.code: d for d in District.objects.all()},
    )
    images = [demo_image(f"Event photo {n + 1}", 100 + n) for n in range(6)]
    today = local_now().date()
    for seed, (title, zh, category, where, days, start, hours, price, summary, summary_zh) in enumerate(
        ONE_OFFS
    ):
        row = (title, zh, category, where, _when(today, days, start, hours), price, summary)
        page, strings = _event(english, images[seed % len(images)], lookups, row)
        index.add_child(instance=page)
        translate(_publish(page), "zh-hans", _zh({title: zh, summary: summary_zh, **strings}))
    for seed, row in enumerate(SERIES):
        title, zh, category, where, weekday, start, hours, price, repeat, skip, summary, summary_zh = row
        first = _first_date(today, weekday, repeat)
        when = _when(today, (first - today).days, start, hours)
        fields = (title, zh, category, where, when, price, summary)
        page, strings = _event(english, images[seed % len(images)], lookups, fields, repeat=repeat)
        index.add_child(instance=page)
        if skip:
            EventExceptionDate.objects.create(page=page, date=first + timedelta(weeks=skip))
        translate(_publish(page), "zh-hans", _zh({title: zh, summary: summary_zh, **strings}))
    _pending_submission(index)
