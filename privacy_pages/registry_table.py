"""The "what we collect" table, generated from the personal-data registry.

Rows are stored as plain English msgids (a snapshot kept with each published
revision, see PolicyPage) and translated when shown.
"""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext

from core.personal_data import CATEGORIES, ERASE_LABELS, registry


def _retention_msg(declaration):
    r = declaration.retention
    if r is None:
        return None
    after = str(declaration.model._meta.get_field(r.after).verbose_name)
    event, context = r.event_label(declaration.model)
    return {"days": r.days, "after": after, "event": str(event), "event_context": context, "action": r.action}


def registry_rows():
    """One row per (category, model): what is stored, why, for how long and what
    happens on deletion. Language-neutral: English msgids, translated at render."""
    rows = []
    with translation.override("en"):
        for declaration in registry.declarations():
            meta = declaration.model._meta
            by_category = {}
            for item in declaration.fields:
                entry = by_category.setdefault(item.category, _entry())
                _add(
                    entry,
                    str(meta.get_field(item.name).verbose_name),
                    item.purpose,
                    item.erase,
                    item.keep_reason,
                )
            file_category = declaration.fields[0].category if declaration.fields else "content"
            for name in declaration.files:
                entry = by_category.setdefault(file_category, _entry())
                _add(entry, str(meta.get_field(name).verbose_name), "", "delete_row", "")
            for category, entry in by_category.items():
                rows.append(
                    {
                        "category": category,
                        "model": str(meta.verbose_name_plural),
                        "staff_only": declaration.is_staff_only,
                        "retention": _retention_msg(declaration),
                        **entry,
                    }
                )
    order = list(CATEGORIES)
    rows.sort(
        key=lambda r: (order.index(r["category"]) if r["category"] in order else len(order), r["model"])
    )
    return rows


def _entry():
    return {"fields": [], "purposes": [], "erase": [], "keep_reasons": []}


def _add(entry, field_name, purpose, erase, keep_reason):
    entry["fields"].append(field_name)
    if purpose and str(purpose) not in entry["purposes"]:
        entry["purposes"].append(str(purpose))
    if erase not in entry["erase"]:
        entry["erase"].append(erase)
    if erase == "keep" and keep_reason and str(keep_reason) not in entry["keep_reasons"]:
        entry["keep_reasons"].append(str(keep_reason))


def retention_text(retention):
    if not retention:
        return gettext("As long as the account exists")
    if "event" in retention:
        return _event_retention_text(retention)
    # Snapshots kept with versions published before retention events existed.
    days, after = retention["days"], gettext(retention["after"])
    if retention["action"] == "anonymise":
        return ngettext(
            "Anonymised %(days)s day after %(after)s", "Anonymised %(days)s days after %(after)s", days
        ) % {"days": days, "after": after}
    if days == 0:
        return gettext("Deleted when it expires (%(after)s)") % {"after": after}
    return ngettext("Deleted %(days)s day after %(after)s", "Deleted %(days)s days after %(after)s", days) % {
        "days": days,
        "after": after,
    }


def _event_retention_text(retention):
    """ "Deleted 90 days after deletion" / "删除后 90 天清除": the event is its own
    translatable phrase, never a field name glued to the sentence."""
    days, context = retention["days"], retention.get("event_context")
    event = pgettext(context, retention["event"]) if context else gettext(retention["event"])
    if retention["action"] == "anonymise":
        return ngettext(
            "Anonymised %(days)s day after %(event)s", "Anonymised %(days)s days after %(event)s", days
        ) % {"days": days, "event": event}
    if days == 0:
        return gettext("Deleted when it expires")
    return ngettext("Deleted %(days)s day after %(event)s", "Deleted %(days)s days after %(event)s", days) % {
        "days": days,
        "event": event,
    }


def list_separator():
    """Between the reasons or actions of one table cell ("; ", "；")."""
    return pgettext("between sentences in a list", "; ")


def rows_for_display(rows, include_staff=False):
    """Translate snapshot rows into the active language, grouped by category."""
    groups = {}
    for row in rows:
        if row.get("staff_only") and not include_staff:
            continue
        category = row["category"]
        group = groups.setdefault(category, {"title": CATEGORIES.get(category, category), "rows": []})
        erase = []
        for action in row["erase"]:
            label = str(ERASE_LABELS.get(action, action))
            if action == "keep" and row.get("keep_reasons"):
                reasons = list_separator().join(gettext(r) for r in row["keep_reasons"])
                label = gettext("%(action)s (%(reason)s)") % {"action": label, "reason": reasons}
            erase.append(label)
        group["rows"].append(
            {
                "model": capfirst(gettext(row["model"])),
                "fields": pgettext("between names in a list", ", ").join(gettext(f) for f in row["fields"]),
                "purposes": [gettext(p) for p in row["purposes"]],
                "retention": retention_text(row["retention"]),
                "erase": erase,
            }
        )
    return list(groups.values())
