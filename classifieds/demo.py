"""Demo classifieds: about fifty listings across the four kinds, in English and
Chinese, with photos drawn locally. Safe to run twice."""

import io
import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from core.models import District, MetroStation

from .models import Kind, Listing, SavedSearch, Status
from .photos import add_photos

MEMBERS = [
    ("lin_mei", "林梅", "zh-hans"),
    ("tom_w", "Tom W.", "en"),
    ("sasha", "Sasha", "en"),
    ("zhang_wei", "张伟", "zh-hans"),
]

HOUSING = [
    (
        "en",
        "Sunny 2-bedroom by Jing'an Temple",
        "South-facing flat on a quiet lane, floor heating, new kitchen.",
        "jingan",
        12500,
        2,
    ),
    (
        "en",
        "Room in a shared lane house",
        "Large room with a balcony, sharing with two designers. Bills included.",
        "xuhui",
        5200,
        1,
    ),
    (
        "en",
        "Family apartment near Century Park",
        "Three bedrooms, two bathrooms, compound with a pool and playground.",
        "pudong",
        21000,
        3,
    ),
    (
        "en",
        "Studio near Xintiandi",
        "Compact studio, fully furnished, five minutes to the metro.",
        "huangpu",
        7800,
        1,
    ),
    (
        "en",
        "Loft by Suzhou Creek",
        "Converted warehouse loft with high ceilings and river views.",
        "putuo",
        14500,
        2,
    ),
    ("zh-hans", "静安寺附近两室一厅", "朝南的老公寓，安静的弄堂，地暖，新厨房。", "jingan", 11800, 2),
    ("zh-hans", "徐家汇精装一居室", "拎包入住，离地铁站步行三分钟。", "xuhui", 6900, 1),
    ("zh-hans", "浦东三房出租", "小区环境好，带泳池和儿童游乐场。", "pudong", 18500, 3),
    ("zh-hans", "虹口老洋房单间", "带阳台的大房间，和两位室友合租。", "hongkou", 4600, 1),
    ("zh-hans", "长宁区两房近中山公园", "南北通透，采光好，可养宠物。", "changning", 9800, 2),
    (
        "en",
        "Garden flat in the former French Concession",
        "Ground floor with a private garden, two bedrooms, wooden floors.",
        "xuhui",
        16000,
        2,
    ),
    ("zh-hans", "杨浦大学路附近一室户", "适合学生和年轻上班族，家电齐全。", "yangpu", 5500, 1),
    (
        "en",
        "Short let: one month in Lujiazui",
        "Serviced apartment, cleaning twice a week, gym in the building.",
        "pudong",
        13000,
        1,
    ),
    ("zh-hans", "闵行七宝三室两卫", "近地铁九号线，配套成熟。", "minhang", 8800, 3),
]
JOBS = [
    (
        "en",
        "Barista, weekend shifts",
        "Lane Coffee",
        "Barista",
        "part-time",
        5000,
        7000,
        "Food & drink",
        "xuhui",
    ),
    (
        "en",
        "Junior web developer",
        "Bund Digital",
        "Developer",
        "full-time",
        15000,
        22000,
        "Technology",
        "huangpu",
    ),
    (
        "en",
        "English teacher for kids",
        "Bright Minds",
        "Teacher",
        "full-time",
        18000,
        25000,
        "Education",
        "changning",
    ),
    ("en", "Marketing intern", "Longtang Media", "Intern", "internship", 3000, 4000, "Media", "jingan"),
    ("zh-hans", "招聘咖啡师（周末班）", "弄堂咖啡", "咖啡师", "part-time", 5000, 6500, "餐饮", "jingan"),
    ("zh-hans", "外贸业务员", "浦江贸易", "业务员", "full-time", 9000, 14000, "贸易", "pudong"),
    ("zh-hans", "平面设计师", "梧桐设计", "设计师", "full-time", 12000, 18000, "设计", "xuhui"),
    ("zh-hans", "兼职中文家教", "个人", "家教", "part-time", 4000, 6000, "教育", "hongkou"),
    (
        "en",
        "Sous chef for a new bistro",
        "Maison Lane",
        "Sous chef",
        "full-time",
        14000,
        18000,
        "Food & drink",
        "huangpu",
    ),
    (
        "en",
        "Freelance translator (EN/ZH)",
        "Bridge Words",
        "Translator",
        "freelance",
        8000,
        15000,
        "Media",
        "jingan",
    ),
    ("zh-hans", "前台接待", "云间酒店", "前台", "full-time", 6000, 8000, "酒店", "changning"),
    (
        "en",
        "Yoga instructor, evenings",
        "Calm Studio",
        "Instructor",
        "part-time",
        6000,
        9000,
        "Sports",
        "xuhui",
    ),
]
ITEMS = [
    ("en", "City bike, barely used", "bikes", "like-new", 450, "xuhui"),
    ("en", "IKEA sofa, grey", "furniture", "good", 900, "jingan"),
    ("en", "Air purifier with new filter", "electronics", "good", 650, "pudong"),
    ("en", "Kids' bunk bed", "kids", "fair", 700, "minhang"),
    ("en", "Moving sale: kitchen set", "home", "good", 300, "changning"),
    ("zh-hans", "九成新电动自行车", "bikes", "like-new", 1800, "putuo"),
    ("zh-hans", "实木书桌", "furniture", "good", 600, "hongkou"),
    ("zh-hans", "二手笔记本电脑", "electronics", "fair", 2200, "yangpu"),
    ("zh-hans", "儿童绘本一箱", "books", "good", 150, "xuhui"),
    ("zh-hans", "冬季羽绒服 M 码", "clothing", "like-new", 350, "jingan"),
    ("en", "Road bike, 54 cm frame", "bikes", "good", 2600, "huangpu"),
    ("en", "Stand mixer", "home", "like-new", 1200, "pudong"),
    ("zh-hans", "落地灯两盏", "furniture", "good", 200, "changning"),
    ("en", "Box of English novels", "books", "fair", 100, "xuhui"),
]
PERSONALS = [
    (
        "en",
        "Hiking partner for weekend trips",
        "Looking for people to hike Sheshan and beyond on Saturdays.",
        "songjiang",
    ),
    (
        "en",
        "Language exchange: English for Chinese",
        "Native English speaker, happy to meet for coffee and practise.",
        "jingan",
    ),
    ("zh-hans", "周末一起打羽毛球", "水平一般，主要是想认识新朋友。", "xuhui"),
    ("zh-hans", "找一起逛展览的朋友", "喜欢艺术和摄影，周末常去西岸。", "xuhui"),
    (
        "en",
        "Board game night regulars wanted",
        "Small group meeting Thursdays; newcomers welcome.",
        "huangpu",
    ),
]
PALETTE = [(179, 38, 30), (26, 95, 180), (46, 125, 50), (237, 111, 0), (94, 53, 177), (0, 131, 143)]


def demo_photo(seed, label):
    rng = random.Random(seed)
    colour = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y = rng.randint(0, 1100), rng.randint(0, 700)
        shade = tuple(min(255, c + rng.randint(20, 90)) for c in colour)
        draw.rectangle([x, y, x + rng.randint(80, 300), y + rng.randint(60, 200)], fill=shade)
    draw.text((40, 40), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile(f"demo-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def demo_members():
    User = get_user_model()
    members = []
    for username, display_name, language in MEMBERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        profile = user.profile
        profile.display_name = display_name
        profile.preferred_language = language
        profile.email_verified_at = profile.email_verified_at or timezone.now()
        profile.save()
        members.append(user)
    return members


def _publish(listing, age_days):
    now = timezone.now() - timedelta(days=age_days)
    listing.status = Status.PUBLISHED
    listing.published_at = listing.bumped_at = now
    listing.expires_at = now + timedelta(days=30)
    listing.save()


@transaction.atomic
def build():
    members = demo_members()
    if Listing.objects.filter(owner__in=members).exists():
        return
    districts = {d.code: d for d in District.objects.all()}
    stations_by_district = {}
    for station in MetroStation.objects.select_related("district"):
        if station.district_id:
            stations_by_district.setdefault(station.district.code, station)
    rng = random.Random(7)
    seed = 0

    def make(kind, language, title, description, district, **fields):
        nonlocal seed
        seed += 1
        listing = Listing.objects.create(
            owner=members[seed % len(members)],
            kind=kind,
            language=language,
            title=title,
            description=description,
            district=districts.get(district),
            station=stations_by_district.get(district),
            show_wechat=kind != Kind.PERSONALS and seed % 2 == 0,
            **fields,
        )
        if kind != Kind.PERSONALS:
            add_photos(listing, [demo_photo(seed, title[:20]), demo_photo(seed + 100, "2")][: 1 + seed % 2])
        _publish(listing, age_days=rng.randint(0, 20))
        return listing

    for language, title, description, district, rent, bedrooms in HOUSING:
        make(
            Kind.HOUSING,
            language,
            title,
            description,
            district,
            price=rent,
            bedrooms=bedrooms,
            bathrooms=1 if bedrooms < 3 else 2,
            furnished=rent % 2 == 0,
            size_m2=30 + bedrooms * 30,
            deposit_terms="1+1",
            lister_type="owner" if rent < 10000 else "agent",
        )
    for language, title, employer, role, job_type, low, high, industry, district in JOBS:
        make(
            Kind.JOBS,
            language,
            title,
            f"{employer}: {role}.",
            district,
            employer_name=employer,
            role=role,
            job_type=job_type,
            salary_min=low,
            salary_max=high,
            industry=industry,
            visa_sponsorship=job_type == "full-time" and language == "en",
        )
    for language, title, category, condition, price, district in ITEMS:
        make(
            Kind.BUY_SELL,
            language,
            title,
            title,
            district,
            price=price,
            item_category=category,
            condition=condition,
            delivery_possible=price < 1000,
        )
    for language, title, description, district in PERSONALS:
        make(Kind.PERSONALS, language, title, description, district, adult_confirmed_at=timezone.now())
    # Saved searches with alerts, as members make them with "Save this search".
    SavedSearch.objects.create(
        owner=members[0],
        name="Jing'an flats up to ¥10,000",
        kind=Kind.HOUSING,
        filters={"district": "jingan", "price_max": "10000"},
        frequency=SavedSearch.Frequency.DAILY,
    )
    SavedSearch.objects.create(
        owner=members[1 % len(members)],
        name="Full-time jobs",
        kind=Kind.JOBS,
        filters={"job_type": "full-time"},
        frequency=SavedSearch.Frequency.INSTANT,
    )
