"""Rows that are only ever added: ledger entries and invoices.

``save()`` and ``delete()`` on an instance refuse already; this queryset closes the
ORM's other doors. ``update()`` may only do what erasure and ``on_delete=SET_NULL``
do to such a row (clear a link to a person, blank a contact field: the model's
``ERASABLE`` map of field → erased value), and ``delete()`` is refused; only the
retention job removes rows past their legal period, through ``purge()``.
"""

from django.core.exceptions import ValidationError
from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **changes):
        erasable = getattr(self.model, "ERASABLE", {})
        named = {
            self.model._meta.get_field(name).name: value for name, value in changes.items()
        }  # buyer_id → buyer
        refused = sorted(
            name for name, value in named.items() if name not in erasable or erasable[name] != value
        )
        if refused:
            raise ValidationError(
                f"{self.model._meta.verbose_name} rows are never changed ({', '.join(refused)}); add a new one."
            )
        return super().update(**changes)

    update.queryset_only = True

    def delete(self):
        raise ValidationError(
            f"{self.model._meta.verbose_name} rows are never deleted; add a correcting one."
        )

    delete.queryset_only = True

    def purge(self):
        """Remove rows whose retention period has ended (privacy/retention.py only)."""
        return super().delete()

    purge.queryset_only = True
