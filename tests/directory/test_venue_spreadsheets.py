"""R-CMS-6 for venues: a whole directory moves in from a spreadsheet, previewed as a
dry run with a clear report of rows that failed, and goes out without live formulas."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from directory.models import VenuePage
from directory.resources import VenueResource
from tests.directory.conftest import LATE_BAR_CLOSED_MONDAY
from tests.factories.directory import make_venue
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

URL = "/django-admin/directory/venuepage/"

ROW = {
    "slug": "harbour-dumplings",
    "category": "restaurants",
    "title": "Harbour Dumplings",
    "introduction": "Soup dumplings by the river.",
    "address_en": "8 Zhongshan East 1st Road",
    "address_zh": "中山东一路8号",
    "district": "huangpu",
    "station": "",
    "phone": "+86 21 6321 0000",
    "website": "https://dumplings.example",
    "email": "",
    "price_level": "2",
    "tags": "dumplings, riverside",
    "hours": "mon 11:00-14:00, 17:00-22:00; sat 10:00-02:00",
    "latitude": "31.24000",
    "longitude": "121.49000",
}


@pytest.fixture
def data_editor(client):
    user = UserFactory(username="data", is_staff=True)
    user.groups.add(Group.objects.get(name="Data editors"))
    client.force_login(user)
    return client


def csv_upload(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("venues.csv", out.getvalue().encode(), content_type="text/csv")


def xlsx_upload(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("venues.xlsx", out.getvalue())


def preview(client, upload, file_format="0"):
    return client.post(f"{URL}import/", {"resource": "0", "format": file_format, "import_file": upload})


def test_a_preview_writes_nothing_and_confirming_publishes_the_venues(data_editor, restaurants):
    response = preview(data_editor, csv_upload([ROW, {**ROW, "slug": "night-owl", "title": "Night Owl"}]))
    assert response.status_code == 200
    assert "Harbour Dumplings" in response.content.decode()
    assert not VenuePage.objects.filter(slug="harbour-dumplings").exists()  # the dry run was rolled back

    data_editor.post(f"{URL}process_import/", response.context["confirm_form"].initial)
    venue = VenuePage.objects.get(slug="harbour-dumplings")
    assert venue.live and venue.get_parent().specific == restaurants
    assert (venue.district.code, venue.phone, venue.price_level) == ("huangpu", "+86 21 6321 0000", 2)
    assert sorted(tag.name for tag in venue.tags.all()) == ["dumplings", "riverside"]
    periods = sorted(
        (p.weekday, f"{p.opens:%H:%M}", f"{p.closes:%H:%M}") for p in venue.opening_periods.all()
    )
    assert periods == [(0, "11:00", "14:00"), (0, "17:00", "22:00"), (5, "10:00", "02:00")]
    body = data_editor.get(venue.url).content.decode()
    assert "Harbour Dumplings" in body and "中山东一路8号" in body
    assert VenuePage.objects.filter(slug="night-owl", live=True).exists()


def test_an_excel_file_updates_a_known_venue_and_its_translation(data_editor, restaurants):
    make_venue(restaurants, "Harbour Dumplings", zh="港口小笼")
    response = preview(data_editor, xlsx_upload([{**ROW, "phone": "+86 21 6321 9999"}]), file_format="1")
    assert response.status_code == 200
    data_editor.post(f"{URL}process_import/", response.context["confirm_form"].initial)
    assert VenuePage.objects.filter(slug="harbour-dumplings").count() == 2  # English and Chinese, no new page
    chinese = data_editor.get("/zh-hans/directory/restaurants/harbour-dumplings/").content.decode()
    assert "+86 21 6321 9999" in chinese and "港口小笼" in chinese


def test_failed_rows_are_reported_clearly_and_nothing_is_written(data_editor, restaurants):
    rows = [
        ROW,
        {**ROW, "slug": "no-such-category", "category": "spaceports"},
        {**ROW, "slug": "bad-hours", "hours": "mon whenever"},
        {**ROW, "slug": "bad-district", "district": "atlantis"},
        {**ROW, "slug": "bad slug!"},
        {**ROW, "slug": "bad-price", "price_level": "7"},
        {**ROW, "slug": "no-title", "title": ""},
    ]
    response = preview(data_editor, csv_upload(rows))
    body = response.content.decode()
    assert "No directory category has the slug “spaceports”." in body
    assert "Opening hours not understood near" in body
    assert "There is no district “atlantis”." in body
    assert "Enter a valid “slug”" in body
    assert "is not a valid choice" in body
    assert "This field cannot be blank" in body
    assert not response.context.get("confirm_form")
    assert not VenuePage.objects.filter(slug="harbour-dumplings").exists()


def test_the_export_round_trips_and_carries_no_live_formula(data_editor, restaurants):
    make_venue(restaurants, "Late Bar", periods=LATE_BAR_CLOSED_MONDAY, tags=["cocktails"], zh="深夜酒吧")
    venue = make_venue(restaurants, "Formula Place")
    VenuePage.objects.filter(pk=venue.pk).update(introduction='=HYPERLINK("http://evil")')
    fields = VenueResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"venueresource_{name}": "on" for name in fields}}
    response = data_editor.post(f"{URL}export/", data)
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert set(rows) == {"late-bar", "formula-place"}  # one row per venue, not per language
    bar = rows["late-bar"]
    assert (bar["category"], bar["tags"], bar["district"]) == ("restaurants", "cocktails", "jingan")
    assert bar["hours"].startswith("tue 19:00-02:00; wed 19:00-02:00")
    assert rows["formula-place"]["introduction"].startswith("'=")


def test_only_data_editors_import_or_export(client, restaurants):
    client.force_login(UserFactory(username="intern", is_staff=True))
    assert client.get(f"{URL}import/").status_code == 403
    assert client.get(f"{URL}export/").status_code == 403


def test_an_exported_file_imports_back_unchanged(data_editor, restaurants):
    venue = make_venue(restaurants, "Late Bar", periods=LATE_BAR_CLOSED_MONDAY, tags=["cocktails"])
    fields = VenueResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"venueresource_{name}": "on" for name in fields}}
    exported = data_editor.post(f"{URL}export/", data).content
    assert b"'+86 21 6000 0000" in exported  # a spreadsheet would run "+86 ..." as a formula
    upload = SimpleUploadedFile("venues.csv", exported, content_type="text/csv")
    response = preview(data_editor, upload)
    data_editor.post(f"{URL}process_import/", response.context["confirm_form"].initial)
    venue.refresh_from_db()
    assert venue.phone == "+86 21 6000 0000"
    assert len(venue.opening_periods.all()) == 6


def test_data_editors_find_the_spreadsheets_in_the_admin_menu(data_editor, client):
    assert "Import / export venues" in data_editor.get("/admin/").content.decode()


def test_the_export_runs_the_same_queries_for_2_and_12_venues(data_editor, restaurants):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fields = VenueResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"venueresource_{name}": "on" for name in fields}}
    counts = []
    data_editor.post(f"{URL}export/", data)  # fills the per-process caches (site, locales, settings)
    for total in (2, 12):
        while VenuePage.objects.count() < total:
            make_venue(
                restaurants, f"Venue {VenuePage.objects.count()}", periods=LATE_BAR_CLOSED_MONDAY, tags=["x"]
            )
        with CaptureQueriesContext(connection) as queries:
            response = data_editor.post(f"{URL}export/", data)
        assert response.content.decode().count("\n") == total + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]
