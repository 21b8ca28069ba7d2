"""City reference data: Shanghai's districts and metro, as data, editable, replaceable."""

import json

import pytest
from django.core.management import call_command
from django.utils import translation

from core.models import District, LineStop, MetroLine, MetroStation

pytestmark = pytest.mark.django_db


def test_shanghai_has_sixteen_districts_with_both_names():
    assert District.objects.count() == 16
    jingan = District.objects.get(code="jingan")
    assert jingan.name_zh == "静安区"
    assert District.objects.filter(name_zh="").count() == 0


def test_metro_lines_list_their_stations_in_order():
    line1 = MetroLine.objects.get(code="1")
    stops = list(LineStop.objects.filter(line=line1).select_related("station").order_by("position"))
    assert len(stops) > 10
    names = [stop.station.name_en for stop in stops]
    assert "People's Square" in names
    assert [stop.position for stop in stops] == list(range(1, len(stops) + 1))


def test_interchange_station_serves_several_lines():
    square = MetroStation.objects.get(code="peoplessquare")
    assert set(square.lines.values_list("code", flat=True)) >= {"1", "2", "8"}


def test_names_follow_the_active_language():
    district = District.objects.get(code="xuhui")
    with translation.override("zh-hans"):
        assert district.name == "徐汇区"
    with translation.override("en"):
        assert district.name == "Xuhui"


def test_reloading_is_idempotent():
    counts = (District.objects.count(), MetroStation.objects.count(), LineStop.objects.count())
    call_command("load_city_data")
    assert (District.objects.count(), MetroStation.objects.count(), LineStop.objects.count()) == counts


def test_another_city_can_be_loaded(tmp_path):
    city = {
        "city": {"code": "hangzhou", "name_en": "Hangzhou", "name_zh": "杭州"},
        "districts": [{"code": "xihu", "name_en": "Xihu", "name_zh": "西湖区"}],
        "metro_lines": [
            {
                "code": "hz1",
                "name_en": "Hangzhou Line 1",
                "name_zh": "杭州1号线",
                "colour": "#E4002B",
                "stations": [
                    {
                        "code": "longxiangqiao",
                        "name_en": "Longxiangqiao",
                        "name_zh": "龙翔桥",
                        "district": "xihu",
                    },
                    {"code": "fengqiroad", "name_en": "Fengqi Road", "name_zh": "凤起路", "district": "xihu"},
                ],
            }
        ],
    }
    path = tmp_path / "hangzhou.json"
    path.write_text(json.dumps(city, ensure_ascii=False), encoding="utf-8")
    call_command("load_city_data", str(path))
    line = MetroLine.objects.get(code="hz1")
    assert list(line.stops.order_by("position").values_list("station__name_zh", flat=True)) == [
        "龙翔桥",
        "凤起路",
    ]
    assert MetroStation.objects.get(code="fengqiroad").district.code == "xihu"


def test_editors_manage_city_data_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/core/district/")
    assert response.status_code == 200
    assert "静安区" in response.content.decode()
    station = MetroStation.objects.get(code="peoplessquare")
    response = admin_client.get(f"/admin/snippets/core/metrostation/edit/{station.pk}/")
    assert response.status_code == 200
    response = admin_client.post(
        f"/admin/snippets/core/district/edit/{District.objects.get(code='huangpu').pk}/",
        {"name_en": "Huangpu", "name_zh": "黄浦区", "code": "huangpu", "sort_order": 0},
    )
    assert response.status_code == 302
