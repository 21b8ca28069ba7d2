"""Retention (R-PRIV-4): apply every declared retention period, in bounded batches.

A declaration's ``Retention(days, after, action)`` makes a row due once the datetime
in ``after`` is more than ``days`` days old. Due rows are deleted (with their declared
uploads) or, for ``action="anonymise"``, have their declared fields erased and stay.
An anonymised row is recognised by its already-empty fields, so it is never counted
twice.

Each batch runs in its own transaction; a run stops after ``max_batches`` batches per
model and says what remains, so the daily task can continue without holding locks.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from core.personal_data import points_to_user, registry

from .erasure import _model_field, delete_files, scrub_rows


@dataclass
class Due:
    declaration: object
    cutoff: object
    count: int

    @property
    def label(self):
        return self.declaration.label

    @property
    def action(self):
        return self.declaration.retention.action


def not_yet_anonymised(declaration):
    """Rows with at least one declared field not yet erased."""
    condition = Q()
    for item in declaration.fields:
        if item.erase == "keep":
            continue
        model_field = _model_field(declaration.model, item.name)
        if model_field.is_relation or points_to_user(model_field) or item.erase == "null":
            if model_field.null:
                condition |= Q(**{f"{item.name}__isnull": False})
        elif isinstance(model_field, models.CharField | models.TextField):
            empty = Q(**{item.name: ""}) | Q(**{f"{item.name}__isnull": True})
            if item.erase == "anonymise":
                empty |= Q(**{f"{item.name}__startswith": "erased-"})
            condition |= ~empty
        elif model_field.null:
            condition |= Q(**{f"{item.name}__isnull": False})
    for name in declaration.files:
        condition |= ~Q(**{name: ""})
    if not condition:
        raise ImproperlyConfigured(
            f"{declaration.label}: anonymising retention needs a field that can show it is done"
        )
    return condition


def due_rows(declaration, now=None):
    retention = declaration.retention
    cutoff = (now or timezone.now()) - timedelta(days=retention.days)
    rows = declaration.model._default_manager.filter(**{f"{retention.after}__lt": cutoff})
    if retention.action == "anonymise":
        rows = rows.filter(not_yet_anonymised(declaration))
    return rows, cutoff


def plan(now=None):
    """What a retention run would purge now, per declaration (the dry run)."""
    found = []
    for declaration in registry.with_retention():
        rows, cutoff = due_rows(declaration, now)
        found.append(Due(declaration, cutoff, rows.count()))
    return found


def apply_declaration(declaration, now=None, batch_size=None, max_batches=None):
    """Purge up to ``max_batches`` batches of due rows; returns (done, remaining)."""
    batch_size = batch_size or settings.PRIVACY_RETENTION_BATCH_SIZE
    max_batches = max_batches or settings.PRIVACY_RETENTION_MAX_BATCHES
    model = declaration.model
    done = 0
    for _ in range(max_batches):
        with transaction.atomic():
            rows, _cutoff = due_rows(declaration, now)
            pks = list(rows.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not pks:
                break
            batch = model._default_manager.filter(pk__in=pks)
            delete_files(declaration, batch)
            if declaration.retention.action == "anonymise":
                scrub_rows(declaration, pks, for_user=False, treat_delete_as_blank=True)
            else:
                # Append-only rows (invoices, ledger lines) refuse delete(); retention
                # alone may remove them once their period is over.
                getattr(batch, "purge", batch.delete)()
            done += len(pks)
    remaining = due_rows(declaration, now)[0].count()
    return done, remaining


def apply(now=None, batch_size=None, max_batches=None):
    """Apply every declared retention; returns {label: (done, remaining)}."""
    return {
        declaration.label: apply_declaration(declaration, now, batch_size, max_batches)
        for declaration in registry.with_retention()
    }
