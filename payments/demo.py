"""The demo price list, and a few job credits for the demo members. Safe to run twice."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from . import ledger
from .models import AdPosition, CreditEntry, Product, ProductKind

PRODUCTS = [
    # code, kind, English, Chinese, price, credits, days, banner position
    ("job-credit-1", ProductKind.JOB_CREDITS, "1 job credit", "1 个招聘点数", "60.00", 1, 0, ""),
    ("job-credits-5", ProductKind.JOB_CREDITS, "5 job credits", "5 个招聘点数", "250.00", 5, 0, ""),
    ("job-credits-20", ProductKind.JOB_CREDITS, "20 job credits", "20 个招聘点数", "800.00", 20, 0, ""),
    ("featured-7", ProductKind.FEATURED, "Featured for 7 days", "置顶 7 天", "40.00", 0, 7, ""),
    ("featured-30", ProductKind.FEATURED, "Featured for 30 days", "置顶 30 天", "120.00", 0, 30, ""),
    (
        "banner-home-7",
        ProductKind.AD_SLOT,
        "Home page banner, 7 days",
        "首页横幅广告 7 天",
        "1500.00",
        0,
        7,
        AdPosition.HOME_TOP,
    ),
    (
        "banner-classifieds-7",
        ProductKind.AD_SLOT,
        "Classifieds banner, 7 days",
        "分类信息横幅广告 7 天",
        "800.00",
        0,
        7,
        AdPosition.CLASSIFIEDS_TOP,
    ),
]
DESCRIPTIONS = {
    ProductKind.JOB_CREDITS: (
        "One credit posts one job for 30 days.",
        "每个点数可发布一条招聘信息，展示 30 天。",
    ),
    ProductKind.FEATURED: (
        "Your listing stays on top of its list, highlighted.",
        "你的信息置于列表顶部并突出显示。",
    ),
    ProductKind.AD_SLOT: (
        "A banner with your link, checked by our editors before it runs.",
        "附带你的链接的横幅广告，上线前由编辑审核。",
    ),
}
DEMO_CREDITS = {"tom_w": 3, "lin_mei": 2}


@transaction.atomic
def build():
    for order, (code, kind, name_en, name_zh, price, credits, days, position) in enumerate(PRODUCTS):
        description_en, description_zh = DESCRIPTIONS[kind]
        Product.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name_en": name_en,
                "name_zh": name_zh,
                "description_en": description_en,
                "description_zh": description_zh,
                "price": Decimal(price),
                "credits": credits,
                "days": days,
                "ad_position": position,
                "sort_order": order,
            },
        )
    for user in get_user_model().objects.filter(username__in=DEMO_CREDITS):
        if not CreditEntry.objects.filter(user=user).exists():
            ledger.adjust(user, DEMO_CREDITS[user.username], "Demo credits", None)
