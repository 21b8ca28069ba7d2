"""Directory pages for tests: a category tree in both languages and venues."""

from wagtail.models import Locale

from core.models import District, MetroStation
from core.translation import translate
from directory.models import DirectoryCategoryPage, DirectoryIndexPage, VenueOpeningPeriod, VenuePage
from home.models import HomePage


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_venue(
    category, title, district="jingan", periods=(), price=2, station="jingantemple", tags=(), zh=None
):
    venue = VenuePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        address_en="1 Test Road",
        address_zh="测试路1号",
        district=District.objects.get(code=district),
        station=MetroStation.objects.filter(code=station).first(),
        phone="+86 21 6000 0000",
        price_level=price,
    )
    category.add_child(instance=venue)
    if tags:
        venue.tags.add(*tags)
    for weekday, opens, closes in periods:
        VenueOpeningPeriod.objects.create(page=venue, weekday=weekday, opens=opens, closes=closes)
    venue = publish(venue)
    if zh:
        translate(venue, "zh-hans", {title: zh})
    return venue


def restaurants_category():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    translate(home, "zh-hans", {"Longtang": "弄堂"})
    index = publish(
        home.add_child(instance=DirectoryIndexPage(title="Directory", slug="directory", locale=english))
    )
    translate(index, "zh-hans", {"Directory": "城市名录"})
    category = publish(
        index.add_child(instance=DirectoryCategoryPage(title="Restaurants", slug="restaurants"))
    )
    translate(category, "zh-hans", {"Restaurants": "餐厅"})
    return category
