"""Data export (R-PRIV-2): a ZIP of everything the registry lists for one user.

Layout of the archive::

    README.txt                      what each file holds, in the member's language
    data/<category>.json            one file per personal-data category
    files/<app.Model>/<id>/<field>/<name>   the member's uploads

Each JSON file holds ``{"category", "title", "records": [...]}``; a record names its
model, its id and every declared (exportable) field with its value. Times are UTC.
"""

import json
import shutil
import tempfile
import zipfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import PurePosixPath

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.personal_data import CATEGORIES, registry

# Earlier archives are not copied into a new one.
FILES_NOT_EXPORTED = {"privacy.ExportRequest"}


class ExportEncoder(DjangoJSONEncoder):
    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _value(model_field, obj):
    value = model_field.value_from_object(obj)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(UTC)
    return value


def collect(user_id):
    """(records per category, uploads) for the user ``user_id``."""
    records = defaultdict(list)
    uploads = []
    for declaration in registry.declarations():
        exported = [f for f in declaration.fields if f.export]
        if not exported and not declaration.files:
            continue
        model = declaration.model
        for obj in declaration.rows_for(user_id).order_by("pk"):
            files = []
            for name in declaration.files if declaration.label not in FILES_NOT_EXPORTED else ():
                file = getattr(obj, name)
                if file and file.name:
                    path = f"files/{declaration.label}/{obj.pk}/{name}/{PurePosixPath(file.name).name}"
                    files.append(path)
                    uploads.append((path, file))
            by_category = defaultdict(dict)
            for item in exported:
                by_category[item.category][item.name] = _value(model._meta.get_field(item.name), obj)
            file_category = _file_category(declaration)
            if files:
                by_category.setdefault(file_category, {})  # uploads go with the first category
            for category, values in by_category.items():
                record = {"model": declaration.label, "type": str(model._meta.verbose_name), "id": obj.pk}
                record["fields"] = values
                if files and category == file_category:
                    record["files"] = files
                records[category].append(record)
    return records, uploads


def _file_category(declaration):
    exported = [f for f in declaration.fields if f.export]
    return exported[0].category if exported else "content"


def readme(user, records, uploads, language):
    with translation.override(language):
        categories = [
            {"key": key, "title": CATEGORIES[key], "count": len(records[key])}
            for key in CATEGORIES
            if key in records
        ]
        return render_to_string(
            "privacy/export_readme.txt",
            {
                "user": user,
                "categories": categories,
                "uploads": len(uploads),
                "created_at": timezone.now(),
            },
        )


def write_archive(user, language, target):
    """Write the archive for ``user`` into the open binary file ``target``."""
    records, uploads = collect(user.pk)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(user, records, uploads, language))
        with translation.override(language):
            for key, items in records.items():
                document = {"category": key, "title": str(CATEGORIES[key]), "records": items}
                archive.writestr(
                    f"data/{key}.json", json.dumps(document, cls=ExportEncoder, ensure_ascii=False, indent=2)
                )
        for path, file in uploads:
            try:
                with file.open("rb") as source, archive.open(path, "w") as sink:
                    shutil.copyfileobj(source, sink, 1024 * 1024)
            except FileNotFoundError:
                archive.writestr(f"{path}.missing.txt", "This file could no longer be found in storage.\n")
            finally:
                file.close()
    return records, uploads


def build_archive(export):
    """Build ``export``'s archive and store it privately; returns the export."""
    with tempfile.TemporaryFile() as tmp:
        write_archive(export.user, export.language, tmp)
        tmp.seek(0, 2)
        size = tmp.tell()
        tmp.seek(0)
        if export.archive:
            export.archive.delete(save=False)
        export.archive.save(f"{export.uuid.hex}.zip", File(tmp), save=False)
    export.size = size
    export.status = export.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["archive", "size", "status", "finished_at"])
    return export
