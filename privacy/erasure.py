"""Erasure (R-PRIV-3): remove or anonymise everything the registry lists for a user.

``erase_user(user_id)`` walks every declaration (the user model last), each in its own
transaction. For the user's rows of a model:

* a field declared ``erase="delete_row"`` deletes the row (and its declared uploads);
* otherwise each field is emptied (``blank``), set to NULL (``null``), replaced by a
  value that identifies nobody (``anonymise``) or left alone (``keep``), and declared
  uploads are deleted from storage and cleared;
* a declared field that points at the user outside the owner path (a page *locked* by
  them, a comment *resolved* by them) is cleared wherever it points at them.

Uploaded files are deleted before the database rows change: if a crash happens in
between, the next run finds the rows again and finishes. Everything is idempotent:
running it twice, or after a crash, is safe.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction

from core.personal_data import points_to_user, registry

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
STRING_FIELDS = (models.CharField, models.TextField)


class ErasureIncomplete(Exception):
    """Some declarations could not be erased; the task retries them."""


@dataclass
class ErasureReport:
    user_id: int
    deleted: dict = field(default_factory=dict)
    scrubbed: dict = field(default_factory=dict)
    files: int = 0
    errors: dict = field(default_factory=dict)


def _model_field(model, name):
    return model._meta.get_field(name)


def blank_value(model_field):
    if model_field.is_relation:
        if not model_field.null:
            raise ImproperlyConfigured(f"{model_field} cannot be emptied: it is not nullable")
        return None
    if isinstance(model_field, (models.FileField, *STRING_FIELDS)):
        return ""
    if isinstance(model_field, models.JSONField):
        return model_field.get_default() if model_field.has_default() else {}
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    raise ImproperlyConfigured(f"{model_field} has no empty value: make it nullable or give it a default")


def null_value(model_field):
    if model_field.null:
        return None
    return blank_value(model_field)


def anonymise_value(model_field, pk):
    """A value that identifies nobody, unique per row (for unique columns)."""
    if model_field.name == "password" and isinstance(model_field, models.CharField):
        return make_password(None)
    if model_field.is_relation:
        return null_value(model_field)
    if isinstance(model_field, models.EmailField):
        return f"erased-{pk}@erased.invalid"[: model_field.max_length]
    if isinstance(model_field, STRING_FIELDS):
        value = f"erased-{pk}"
        return value[: model_field.max_length] if model_field.max_length else value
    if isinstance(model_field, models.GenericIPAddressField):
        return None if model_field.null else "0.0.0.0"  # noqa: S104 - a placeholder, not a bind address
    return blank_value(model_field)


def check_declaration(declaration):
    """Problems that would stop erasure of this declaration (for the registry test)."""
    problems = []
    for item in declaration.fields:
        model_field = _model_field(declaration.model, item.name)
        try:
            if item.erase == "blank":
                blank_value(model_field)
            elif item.erase == "null":
                null_value(model_field)
            elif item.erase == "anonymise":
                anonymise_value(model_field, 1)
        except ImproperlyConfigured as error:
            problems.append(f"{declaration.label}.{item.name}: {error}")
    return problems


def delete_files(declaration, rows):
    """Delete the declared uploads of ``rows`` from their storage; returns how many."""
    if not declaration.files:
        return 0
    count = 0
    for row in rows.only("pk", *declaration.files):
        for name in declaration.files:
            file = getattr(row, name)
            if file and file.name:
                file.storage.delete(file.name)
                count += 1
    return count


def reindex(model, pks):
    from wagtail.search import index

    if not issubclass(model, index.Indexed) or not index.class_is_indexed(model):
        return
    for obj in model._default_manager.filter(pk__in=pks):
        index.insert_or_update_object(obj)


def owner_step(declaration):
    """The owner path's first field ("user" for "user", "listing" for "listing__owner")."""
    return declaration.owner.split("__")[0] if isinstance(declaration.owner, str) else None


def scrub_rows(declaration, pks, *, for_user=True, treat_delete_as_blank=False):
    """Apply the field erase actions to the rows ``pks``, which are kept.

    With ``for_user``, a declared link to a user other than the owner path (a page's
    ``locked_by``) is left alone here: ``erase_declaration`` clears it only where it
    points at the erased user.
    """
    model = declaration.model
    actions = ("blank", "null", "anonymise", *(("delete_row",) if treat_delete_as_blank else ()))
    static = {}
    anonymised = []
    for item in declaration.fields:
        if item.erase not in actions:
            continue
        model_field = _model_field(model, item.name)
        if for_user and item.name != owner_step(declaration) and points_to_user(model_field):
            continue
        if item.erase in ("blank", "delete_row"):
            static[model_field.attname] = blank_value(model_field)
        elif item.erase == "null":
            static[model_field.attname] = null_value(model_field)
        else:
            anonymised.append(model_field)
    for name in declaration.files:
        static[name] = ""
    rows = model._default_manager.filter(pk__in=pks)
    if static:
        rows.update(**static)
    for pk in pks if anonymised else ():
        model._default_manager.filter(pk=pk).update(
            **{model_field.attname: anonymise_value(model_field, pk) for model_field in anonymised}
        )
    reindex(model, pks)


def erase_declaration(declaration, user_id, report):
    model = declaration.model
    with transaction.atomic():
        pks = list(declaration.rows_for(user_id).values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH_SIZE):
            chunk = pks[start : start + BATCH_SIZE]
            rows = model._default_manager.filter(pk__in=chunk)
            report.files += delete_files(declaration, rows)
            if declaration.deletes_row:
                rows.delete()
                report.deleted[declaration.label] = report.deleted.get(declaration.label, 0) + len(chunk)
            else:
                scrub_rows(declaration, chunk)
                report.scrubbed[declaration.label] = report.scrubbed.get(declaration.label, 0) + len(chunk)
        for item in declaration.fields:
            model_field = _model_field(model, item.name)
            if (
                item.name == owner_step(declaration)
                or item.erase == "keep"
                or not points_to_user(model_field)
            ):
                continue
            if model_field.null:
                model._default_manager.filter(**{item.name: user_id}).update(**{item.name: None})
            elif item.erase == "delete_row":
                model._default_manager.filter(**{item.name: user_id}).delete()


def erase_user(user_id):
    """Erase or anonymise every registered field of the user ``user_id``.

    Each declaration is erased in its own transaction; a declaration that fails does
    not stop the others, and ``ErasureIncomplete`` is raised at the end so the task is
    retried. Safe to run again at any time.
    """
    report = ErasureReport(user_id=user_id)
    for declaration in registry.declarations():
        try:
            erase_declaration(declaration, user_id, report)
        except Exception as error:  # noqa: BLE001 - reported below, retried by the task
            logger.exception("Erasure of %s for user %s failed", declaration.label, user_id)
            report.errors[declaration.label] = repr(error)
    if report.errors:
        raise ErasureIncomplete(report.errors)
    logger.info(
        "Erased user %s: %s rows deleted, %s rows scrubbed, %s files",
        user_id,
        sum(report.deleted.values()),
        sum(report.scrubbed.values()),
        report.files,
    )
    return report
