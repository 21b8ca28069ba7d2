"""Load a city's reference data (districts, metro lines and stations) from JSON.

The data lives in ``core/data/<city>.json``; loading is an upsert by code, so it is
safe to run again after editing the file, and another city can be loaded instead.
"""

import json
from pathlib import Path

from django.db import transaction

DEFAULT_CITY_FILE = Path(__file__).resolve().parent / "data" / "shanghai.json"


@transaction.atomic
def load_city_data(path=DEFAULT_CITY_FILE, apps=None):
    """Upsert districts, lines and stations; return counts of what the file holds."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    District = apps.get_model("core", "District")
    MetroLine = apps.get_model("core", "MetroLine")
    MetroStation = apps.get_model("core", "MetroStation")
    LineStop = apps.get_model("core", "LineStop")

    data = json.loads(Path(path).read_text(encoding="utf-8"))

    districts = {}
    for order, row in enumerate(data["districts"]):
        districts[row["code"]], _ = District.objects.update_or_create(
            code=row["code"],
            defaults={"name_en": row["name_en"], "name_zh": row["name_zh"], "sort_order": order},
        )

    stations = {}
    for order, line_row in enumerate(data["metro_lines"]):
        line, _ = MetroLine.objects.update_or_create(
            code=line_row["code"],
            defaults={
                "name_en": line_row["name_en"],
                "name_zh": line_row["name_zh"],
                "colour": line_row.get("colour", ""),
                "sort_order": order,
            },
        )
        LineStop.objects.filter(line=line).delete()
        for position, row in enumerate(line_row["stations"], start=1):
            station = stations.get(row["code"])
            if station is None:
                station, _ = MetroStation.objects.update_or_create(
                    code=row["code"],
                    defaults={
                        "name_en": row["name_en"],
                        "name_zh": row["name_zh"],
                        "district": districts.get(row.get("district")),
                    },
                )
                stations[row["code"]] = station
            LineStop.objects.create(line=line, station=station, position=position)

    return {
        "districts": len(districts),
        "lines": len(data["metro_lines"]),
        "stations": len(stations),
    }
