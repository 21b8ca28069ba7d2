"""R-CMS-6 for listings: spreadsheet import with a dry-run preview, export that
cannot smuggle formulas, and only for the data editors' group."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from classifieds.models import Listing
from classifieds.resources import ListingResource
from core.import_export import neutralise
from tests.factories.classifieds import ListingFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_editor(client):
    group = Group.objects.get(name="Data editors")  # created by a migration with exactly these rights
    user = UserFactory(username="data", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Sunny flat", "Sunny flat"),
        (9000, 9000),
    ],
)
def test_formulas_are_neutralised_on_export(value, expected):
    assert neutralise(value) == expected


def test_the_exported_csv_carries_no_live_formula(data_editor):
    ListingFactory(title="=cmd|' /C calc'!A0", description="@SUM(1+1)*cmd")
    resource_fields = ListingResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"listingresource_{name}": "on" for name in resource_fields}}
    response = data_editor.post("/django-admin/classifieds/listing/export/", data)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["description"] == "'@SUM(1+1)*cmd"


def csv_upload(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("listings.csv", out.getvalue().encode(), content_type="text/csv")


ROW = {
    "id": "",
    "owner": "mei",
    "kind": "buy-sell",
    "status": "draft",
    "title": "Imported bike",
    "description": "From the old site",
    "language": "en",
    "district": "xuhui",
    "price": "300",
    "item_category": "bikes",
    "condition": "good",
}


def test_import_previews_as_a_dry_run_then_writes_on_confirm(data_editor):
    UserFactory(username="mei")
    response = data_editor.post(
        "/django-admin/classifieds/listing/import/",
        {"resource": "0", "format": "0", "import_file": csv_upload([ROW])},
    )
    assert response.status_code == 200
    assert "Imported bike" in response.content.decode()
    assert Listing.objects.count() == 0  # the preview wrote nothing
    confirm = response.context["confirm_form"].initial
    data_editor.post("/django-admin/classifieds/listing/process_import/", confirm)
    listing = Listing.objects.get()
    assert (listing.title, listing.owner.username, listing.district.code) == ("Imported bike", "mei", "xuhui")


def test_bad_rows_are_reported_and_nothing_is_written(data_editor):
    UserFactory(username="mei")
    rows = [ROW, {**ROW, "title": "Bad price", "price": "-5"}, {**ROW, "title": "Bad kind", "kind": "cars"}]
    response = data_editor.post(
        "/django-admin/classifieds/listing/import/",
        {"resource": "0", "format": "0", "import_file": csv_upload(rows)},
    )
    body = response.content.decode()
    assert "Ensure this value is greater than or equal to 0" in body
    assert "is not a valid choice" in body
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Listing.objects.count() == 0


def test_staff_without_the_data_editor_permissions_cannot_import_or_export(client):
    client.force_login(UserFactory(username="intern", is_staff=True))
    assert client.get("/django-admin/classifieds/listing/import/").status_code == 403
    assert client.get("/django-admin/classifieds/listing/export/").status_code == 403


def test_the_export_runs_the_same_queries_for_2_and_12_listings(data_editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resource_fields = ListingResource().get_export_order()
    data = {"format": "0", "resource": "0", **{f"listingresource_{name}": "on" for name in resource_fields}}
    counts = []
    for total in (2, 12):
        ListingFactory.create_batch(total - Listing.objects.count())
        with CaptureQueriesContext(connection) as queries:
            response = data_editor.post("/django-admin/classifieds/listing/export/", data)
        assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
