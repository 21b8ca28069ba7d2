"""A search dataset: classified listings and venues in mixed English and Chinese.

    build(listings=100_000, venues=5_000)   # into the current database, then indexed

Listings are bulk-inserted; venues are pages, inserted in bulk into the page tree
under Directory → Venues. Everything visible is then added to the search index
in batches through the configured search backend (Chinese segmentation and pinyin
included), as ``update_index`` would. Deterministic for a given seed.
"""

import random
import time
import uuid
from datetime import timedelta

BATCH = 2_000

# (English, Chinese) pairs the text is made of.
ROOMS = [(1, "一室"), (2, "两房"), (3, "三房"), (4, "四房")]
HOMES = [
    ("apartment", "公寓"),
    ("flat", "住宅"),
    ("lane house", "老洋房"),
    ("studio", "开间"),
    ("serviced apartment", "酒店式公寓"),
    ("loft", "复式"),
]
HOUSING_EXTRAS = [
    ("south-facing and bright", "朝南采光好"),
    ("newly renovated", "精装修"),
    ("close to the metro", "近地铁"),
    ("floor heating", "地暖"),
    ("pets welcome", "可养宠物"),
    ("balcony with a view", "带阳台景观好"),
    ("quiet lane, no traffic noise", "弄堂安静"),
    ("fully furnished, move in with a suitcase", "家具齐全拎包入住"),
    ("shared gym and pool", "小区有健身房和泳池"),
    ("agent fee waived", "免中介费"),
]
ROLES = [
    ("Barista", "咖啡师"),
    ("English teacher", "英语老师"),
    ("Software engineer", "软件工程师"),
    ("Marketing manager", "市场经理"),
    ("Sous chef", "副厨"),
    ("Receptionist", "前台"),
    ("Sales assistant", "销售助理"),
    ("Graphic designer", "平面设计师"),
]
EMPLOYERS = [
    "Lane Coffee",
    "Bund Bistro",
    "Harbour Language School",
    "Pudong Tech",
    "Garden Hotel",
    "弄堂文化",
    "静安设计",
    "浦江科技",
]
JOB_EXTRAS = [
    ("Chinese not required", "无需中文"),
    ("visa sponsorship possible", "可办工作签证"),
    ("two days off a week", "双休"),
    ("social insurance paid", "五险一金"),
    ("friendly international team", "国际化团队氛围好"),
]
ITEMS = [
    ("city bike", "自行车"),
    ("sofa", "沙发"),
    ("rice cooker", "电饭煲"),
    ("air purifier", "空气净化器"),
    ("desk and chair", "书桌椅子"),
    ("baby stroller", "婴儿车"),
    ("electric scooter", "电动车"),
    ("bookshelf", "书架"),
    ("guitar", "吉他"),
    ("coffee machine", "咖啡机"),
]
CONDITIONS = [("like new", "九成新"), ("good condition", "成色很好"), ("used but works well", "正常使用")]
PERSONAL = [
    ("Looking for a hiking partner", "找周末徒步伙伴"),
    ("Language exchange", "语言交换"),
    ("Board game night", "桌游之夜"),
]
VENUE_KINDS = [
    ("Coffee", "咖啡馆"),
    ("Bistro", "小馆"),
    ("Noodles", "面馆"),
    ("Dumplings", "生煎馆"),
    ("Gym", "健身房"),
    ("Bookshop", "书店"),
    ("Bar", "酒吧"),
    ("Hot pot", "火锅"),
    ("Yoga studio", "瑜伽馆"),
    ("Gallery", "画廊"),
]
VENUE_NAMES = [
    ("Lane", "弄堂"),
    ("Old Town", "老城"),
    ("Garden", "花园"),
    ("Riverside", "江边"),
    ("Xintiandi", "新天地"),
    ("Plane Tree", "梧桐"),
    ("Red Brick", "红砖"),
    ("Jade", "玉"),
    ("Bamboo", "竹"),
    ("Lotus", "莲"),
]
VENUE_TEXT = [
    ("A neighbourhood favourite", "街坊最爱"),
    ("open late", "营业到很晚"),
    ("English menu", "有英文菜单"),
    ("terrace seating", "有露台座位"),
    ("good for groups", "适合聚会"),
    ("accepts foreign cards", "可刷外卡"),
]


def _listing(rng, n, owner_id, districts, stations, now):
    from classifieds.models import Kind, Status

    district = rng.choice(districts)
    station = rng.choice(stations)
    chinese = rng.random() < 0.5
    kind = rng.choices([Kind.HOUSING, Kind.JOBS, Kind.BUY_SELL, Kind.PERSONALS], weights=[50, 20, 25, 5])[0]
    fields = {}
    if kind == Kind.HOUSING:
        bedrooms, rooms_zh = rng.choice(ROOMS)
        home_en, home_zh = rng.choice(HOMES)
        extras = rng.sample(HOUSING_EXTRAS, 4)
        if chinese:
            title = f"{district.name_zh}{rooms_zh}{home_zh}出租 近{station.name_zh}站"
            description = (
                "，".join(zh for _, zh in extras) + f"。月租{rng.randrange(4, 40) * 500}元，押一付三。"
            )
        else:
            title = f"{bedrooms}-bedroom {home_en} in {district.name_en}, near {station.name_en}"
            description = ". ".join(en.capitalize() for en, _ in extras) + ". Deposit 1+3, available now."
        fields = {"bedrooms": bedrooms, "price": rng.randrange(4, 40) * 500, "furnished": rng.random() < 0.7}
    elif kind == Kind.JOBS:
        role_en, role_zh = rng.choice(ROLES)
        extras = rng.sample(JOB_EXTRAS, 3)
        employer = rng.choice(EMPLOYERS)
        if chinese:
            title = f"招聘{role_zh}（{district.name_zh}）"
            description = f"{employer}招聘{role_zh}，" + "，".join(zh for _, zh in extras) + "。"
        else:
            title = f"{role_en} wanted in {district.name_en}"
            description = (
                f"{employer} is hiring a {role_en.lower()}. "
                + ". ".join(en.capitalize() for en, _ in extras)
                + "."
            )
        fields = {"employer_name": employer, "role": role_en}
    elif kind == Kind.BUY_SELL:
        item_en, item_zh = rng.choice(ITEMS)
        condition_en, condition_zh = rng.choice(CONDITIONS)
        if chinese:
            title = f"出售{item_zh}，{condition_zh}"
            description = f"{item_zh}{condition_zh}，{district.name_zh}自提，可小刀。"
        else:
            title = f"Selling {item_en}, {condition_en}"
            description = f"My {item_en} is {condition_en}. Pick up in {district.name_en} or delivery nearby."
        fields = {"price": rng.randrange(1, 60) * 50}
    else:
        title_en, title_zh = rng.choice(PERSONAL)
        title = title_zh if chinese else title_en
        description = "周末见面，欢迎加入。" if chinese else "Meet at the weekend, all welcome."
    status = rng.choices(
        [Status.PUBLISHED, Status.DRAFT, Status.PENDING, Status.EXPIRED, Status.REMOVED],
        weights=[85, 4, 4, 5, 2],
    )[0]
    bumped = now - timedelta(minutes=n)
    return {
        "owner_id": owner_id,
        "kind": kind,
        "status": status,
        "title": title[:120],
        "description": description,
        "language": "zh-hans" if chinese else "en",
        "district_id": district.pk,
        "station_id": station.pk,
        "published_at": bumped,
        "bumped_at": bumped,
        "expires_at": now + timedelta(days=30),
        "adult_confirmed_at": now if kind == Kind.PERSONALS else None,
        **fields,
    }


def _owners(count):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()  # noqa: N806
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(username=f"bench-{i}", email=f"bench-{i}@example.invalid", password=unusable)
            for i in range(count)
        ],
        ignore_conflicts=True,
    )
    return list(User.objects.filter(username__startswith="bench-").values_list("pk", flat=True))


def build_listings(count, *, seed=11, log=print):
    from django.utils import timezone

    from classifieds.models import Listing
    from core.models import District, MetroStation

    rng = random.Random(seed)
    districts = list(District.objects.all())
    stations = list(MetroStation.objects.all())
    owners = _owners(2_000)
    now = timezone.now()
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        rows = [
            Listing(**_listing(rng, n, rng.choice(owners), districts, stations, now))
            for n in range(start, min(start + BATCH, count))
        ]
        Listing.objects.bulk_create(rows)
    log(f"inserted {count:,} listings in {time.perf_counter() - started:.1f} s")


def _venue_parent():
    from wagtail.models import Locale

    from directory.models import DirectoryCategoryPage, DirectoryIndexPage
    from home.models import HomePage

    existing = DirectoryCategoryPage.objects.filter(slug="bench-venues").first()
    if existing:
        return existing
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=english).first()
    directory = DirectoryIndexPage.objects.filter(locale=english).first()
    if directory is None:
        directory = home.add_child(instance=DirectoryIndexPage(title="Directory", slug="directory"))
    return directory.add_child(instance=DirectoryCategoryPage(title="Venues", slug="bench-venues"))


def build_venues(count, *, seed=12, log=print):
    """Venue pages inserted in bulk: page rows first (tree paths computed here),
    then the venue rows, then the parent's child count."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from core.models import District, MetroStation
    from directory.models import VenuePage

    rng = random.Random(seed)
    parent = _venue_parent()
    districts = list(District.objects.all())
    stations = list(MetroStation.objects.all())
    content_type = ContentType.objects.get_for_model(VenuePage)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        first = parent.numchild + 1
        for start in range(0, count, BATCH):
            pages = []
            venues = []
            for n in range(start, min(start + BATCH, count)):
                district = rng.choice(districts)
                station = rng.choice(stations)
                name_en, name_zh = rng.choice(VENUE_NAMES)
                kind_en, kind_zh = rng.choice(VENUE_KINDS)
                chinese = rng.random() < 0.5
                title = (
                    f"{name_zh}{kind_zh}（{district.name_zh}）"
                    if chinese
                    else f"{name_en} {kind_en} {district.name_en}"
                )
                slug = f"venue-{n}"
                text = rng.sample(VENUE_TEXT, 3)
                introduction = (
                    "，".join(zh for _, zh in text) + "。"
                    if chinese
                    else ", ".join(en for en, _ in text).capitalize() + "."
                )
                step = Page._int2str(first + n).rjust(Page.steplen, "0")
                page = Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=parent.path + step,
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
                pages.append(page)
                venues.append(
                    {
                        "introduction": introduction,
                        "address_en": f"{rng.randrange(1, 999)} {station.name_en} Road",
                        "address_zh": f"{district.name_zh}{station.name_zh}路{rng.randrange(1, 999)}号",
                        "district_id": district.pk,
                        "station_id": station.pk,
                        "price_level": rng.randrange(1, 5),
                    }
                )
            Page.objects.bulk_create(pages)
            for page, fields in zip(pages, venues, strict=True):
                VenuePage(page_ptr_id=page.pk, **fields).save_base(raw=True)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    log(f"inserted {count:,} venues in {time.perf_counter() - started:.1f} s")


def index_everything(*, log=print):
    """Add every visible listing and every venue to the search index in batches."""
    from wagtail.search.backends import get_search_backend

    from classifieds.models import Listing
    from directory.models import VenuePage

    backend = get_search_backend()
    for model, queryset in [
        (Listing, Listing.objects.visible().select_related("district")),
        (VenuePage, VenuePage.objects.live().select_related("district")),
    ]:
        started = time.perf_counter()
        total = 0
        last_pk = 0
        while True:
            batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
            if not batch:
                break
            backend.add_bulk(model, batch)
            total += len(batch)
            last_pk = batch[-1].pk
        log(f"indexed {total:,} {model._meta.verbose_name_plural} in {time.perf_counter() - started:.1f} s")


def build(listings=100_000, venues=5_000, *, log=print):
    build_listings(listings, log=log)
    build_venues(venues, log=log)
    index_everything(log=log)
