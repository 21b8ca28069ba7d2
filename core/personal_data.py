"""The single registry of personal data (R-PRIV-1).

Every app declares, next to its models (in its ``AppConfig.ready``), which fields
hold personal data, why, for how long, and how each is exported and erased. Data
export, erasure, retention and the privacy policy's "what we collect" section all
read this registry; nothing is listed twice.

    from core.personal_data import Field, Retention, registry

    registry.declare(
        Listing,
        owner="owner",                       # ORM path from the model to the user
        fields=[
            Field("contact_phone", category="contact", purpose="...", erase="blank"),
            Field("description", category="content", purpose="...", erase="delete_row"),
        ],
        files=["photo"],                     # uploads: exported, deleted on erasure
        retention=Retention(days=90, after="deleted_at"),
    )
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CATEGORIES = {
    "identity": _("Identity"),
    "contact": _("Contact details"),
    "verification": _("Verification"),
    "preferences": _("Preferences and settings"),
    "content": _("Content you post"),
    "communications": _("Messages and enquiries"),
    "payment": _("Orders and payments"),
    "device": _("Device and usage logs"),
}

# How a field is erased when its user's account is deleted.
ERASE_ACTIONS = {
    "blank": "set to an empty value",
    "null": "set to NULL",
    "anonymise": "replaced by a value that identifies nobody",
    "delete_row": "the whole row is deleted",
    "keep": "kept, minimised, for a legal obligation (give `keep_reason`)",
}

# The same, for people: shown in the privacy policy's "what we collect" table.
ERASE_LABELS = {
    "blank": _("Emptied"),
    "null": _("Removed"),
    "anonymise": _("Replaced by a value that identifies nobody"),
    "delete_row": _("Deleted"),
    "keep": _("Kept"),
}


@dataclass(frozen=True)
class Field:
    name: str
    category: str
    purpose: str = ""
    erase: str = "blank"
    export: bool = True
    keep_reason: str = ""

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"Unknown personal-data category {self.category!r} for field {self.name!r}")
        if self.erase not in ERASE_ACTIONS:
            raise ValueError(f"Unknown erase action {self.erase!r} for field {self.name!r}")
        if self.erase == "keep" and not self.keep_reason:
            raise ValueError(f"Field {self.name!r} is kept on erasure: say why in keep_reason")


def staff_reference(name, purpose):
    """A link to the staff member who acted on a row: it is about them, not about
    the row's owner, so erasing the owner keeps it."""
    return Field(name, "identity", purpose, erase="keep", keep_reason=_("Names the staff member who acted"))


# What the datetime a retention period counts from marks, said for people: "Deleted
# 90 days after deletion", "删除后 90 天清除". Give ``Retention(event=...)`` for a field
# not listed here; without either, the field's own label is used.
RETENTION_EVENT_CONTEXT = "retention counts from"
RETENTION_EVENTS = {
    "accessed_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "access"),
    "action_time": pgettext_lazy(RETENTION_EVENT_CONTEXT, "the change"),
    "created": pgettext_lazy(RETENTION_EVENT_CONTEXT, "creation"),
    "created_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "creation"),
    "deleted_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "deletion"),
    "expire_date": pgettext_lazy(RETENTION_EVENT_CONTEXT, "expiry"),
    "issued_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "issue"),
    "last_seen_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "the last activity"),
    "last_updated_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "the last update"),
    "requested_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "the request"),
    "resolved_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "resolution"),
    "submit_time": pgettext_lazy(RETENTION_EVENT_CONTEXT, "submission"),
    "updated_at": pgettext_lazy(RETENTION_EVENT_CONTEXT, "the last update"),
}


@dataclass(frozen=True)
class Retention:
    """Rows are purged ``days`` after the datetime in field ``after``."""

    days: int
    after: str
    action: str = "delete_row"  # or "anonymise": erase the declared fields, keep the row
    event: str = ""  # what ``after`` marks, for people (defaults from RETENTION_EVENTS)

    def event_label(self, model):
        """What the period counts from, translatable, and its message context: the
        declared event, the common one for the field's name, or else the field's label."""
        if self.event:
            return self.event, ""
        if self.after in RETENTION_EVENTS:
            return RETENTION_EVENTS[self.after], RETENTION_EVENT_CONTEXT
        return model._meta.get_field(self.after).verbose_name, ""


EXEMPT_PREFIX = "exempt: "
# Give ``description=STAFF_ONLY`` to data only staff and editors have (admin
# preferences, editing sessions…): the public "what we collect" table can leave it out.
STAFF_ONLY = "staff-only"


@dataclass
class Declaration:
    model: type
    # ORM path from the model to its user ("" when the model is the user model), or a
    # callable ``owner(queryset, user_id) -> queryset`` for data linked another way
    # (sessions keep the user id inside their encoded data).
    owner: object
    fields: list[Field]
    files: list[str] = field(default_factory=list)
    retention: Retention | None = None
    description: str = ""
    # Fields whose names look personal but are not: {name: why}.
    not_personal: dict = field(default_factory=dict)

    @property
    def label(self):
        return self.model._meta.label

    def field(self, name):
        return next(f for f in self.fields if f.name == name)

    @property
    def is_exempt(self):
        return self.description.startswith(EXEMPT_PREFIX) and not self.fields and not self.files

    @property
    def exempt_reason(self):
        return self.description[len(EXEMPT_PREFIX) :] if self.is_exempt else ""

    @property
    def is_staff_only(self):
        return self.description.startswith(STAFF_ONLY)

    @property
    def deletes_row(self):
        """True when erasing a user's data deletes this model's rows outright."""
        return any(f.erase == "delete_row" for f in self.fields)

    def rows_for(self, user_id):
        """The rows of this model that belong to the user with primary key ``user_id``."""
        queryset = self.model._default_manager.all()
        if self.is_exempt:
            return queryset.none()
        if callable(self.owner):
            return self.owner(queryset, user_id)
        if self.owner == "":
            return queryset.filter(pk=user_id)
        return queryset.filter(**{self.owner: user_id})


class PersonalDataRegistry:
    def __init__(self):
        self._declarations = {}

    def declare(self, model, *, owner, fields, files=(), retention=None, description="", not_personal=None):
        """Declare ``model``'s personal data. ``owner`` is the ORM path from the
        model to its user ("" when the model is the user model itself).
        ``not_personal`` maps fields that only look personal to the reason they are not."""
        label = model._meta.label
        if label in self._declarations:
            raise ValueError(f"{label} is declared twice in the personal-data registry")
        model_fields = {f.name for f in model._meta.get_fields()}
        for item in [*fields, *[Field(name, "content") for name in files]]:
            if item.name not in model_fields:
                raise ValueError(f"{label} has no field {item.name!r}")
        if retention is not None and retention.after not in model_fields:
            raise ValueError(f"{label} has no field {retention.after!r} for its retention")
        for name in not_personal or {}:
            if name not in model_fields:
                raise ValueError(f"{label} has no field {name!r}")
        declaration = Declaration(
            model, owner, list(fields), list(files), retention, description, dict(not_personal or {})
        )
        self._declarations[label] = declaration
        return declaration

    def exempt(self, model, reason):
        """Record that ``model`` holds no personal data despite appearances."""
        if not str(reason).strip():
            raise ValueError(f"{model._meta.label}: an exemption needs a reason")
        self.declare(model, owner="", fields=[], description=f"{EXEMPT_PREFIX}{reason}")

    def get(self, model):
        return self._declarations.get(model._meta.label)

    def __iter__(self):
        return iter(self._declarations.values())

    def __contains__(self, model):
        return model._meta.label in self._declarations

    def declarations(self):
        """Every declaration that holds personal data (exemptions left out), the user
        model last: erasing other rows first keeps their links to it until the end."""
        user_label = settings.AUTH_USER_MODEL
        found = [d for d in self if not d.is_exempt]
        return sorted(found, key=lambda d: d.label == user_label)

    def with_retention(self):
        return [d for d in self.declarations() if d.retention is not None]

    def user_declaration(self):
        return self._declarations.get(settings.AUTH_USER_MODEL)

    @contextmanager
    def isolated(self):
        """Let a test declare throwaway models; the registry is restored afterwards."""
        saved = dict(self._declarations)
        try:
            yield self
        finally:
            self._declarations = saved


registry = PersonalDataRegistry()


# --- Finding models that hold personal data -------------------------------------------
#
# The completeness test (tests/privacy/test_registry.py) walks every installed model and
# asks ``needs_declaration``: a model whose own fields point at the user, or carry a
# name that usually means personal data, must be declared or exempted with a reason.

PERSONAL_NAME_PARTS = {
    "address",
    "avatar",
    "bio",
    "birth",
    "birthday",
    "body",
    "comment",
    "dob",
    "ip",
    "message",
    "mobile",
    "name",
    "passport",
    "referer",
    "referrer",
    "tel",
    "username",
    "useragent",
}
PERSONAL_NAME_SUBSTRINGS = ("email", "phone", "wechat", "user_agent", "ip_addr")
# Names are only a hint for fields that can hold free text, addresses or files; a
# date, number or flag is judged with the model it belongs to.
NOT_PERSONAL_FIELD_TYPES = (
    models.BooleanField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.UUIDField,
    models.DateField,
    models.TimeField,
    models.DurationField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
)


def points_to_user(model_field):
    """True when ``model_field`` is a relation to the user model."""
    from django.contrib.auth import get_user_model

    related = getattr(model_field, "related_model", None)
    if isinstance(related, str):  # not resolved yet (a model outside the app registry)
        return related.lower() == settings.AUTH_USER_MODEL.lower()
    return isinstance(related, type) and issubclass(related, get_user_model())


def looks_personal(model_field):
    """Why ``model_field`` probably holds personal data ("" when it probably does not)."""
    if points_to_user(model_field):
        return "relation to the user"
    if model_field.is_relation or isinstance(model_field, NOT_PERSONAL_FIELD_TYPES):
        return ""
    name = model_field.name.lower()
    parts = set(re.split(r"[_\W]+", name))
    if parts & PERSONAL_NAME_PARTS or any(s in name for s in PERSONAL_NAME_SUBSTRINGS):
        return f"field name {model_field.name!r}"
    return ""


def own_fields(model):
    """The fields a model defines itself (inherited multi-table parents excluded)."""
    return [*model._meta.local_fields, *model._meta.local_many_to_many]


def personal_looking_fields(model):
    return {f.name: reason for f in own_fields(model) if (reason := looks_personal(f))}


def needs_declaration(model):
    """The reasons ``model`` must be in the registry (empty when it need not be)."""
    if model._meta.abstract or model._meta.proxy:
        return []
    return [f"{name}: {reason}" for name, reason in personal_looking_fields(model).items()]


def undeclared_models(all_models=None, in_registry=None):
    """Models that look personal and are neither declared nor exempted, with why."""
    from django.apps import apps

    in_registry = in_registry or registry
    found = {}
    for model in all_models if all_models is not None else apps.get_models():
        if model in in_registry:
            continue
        reasons = needs_declaration(model)
        if reasons:
            found[model._meta.label] = reasons
    return found


def undeclared_fields(in_registry=None):
    """Personal-looking fields of declared models that the declaration does not list
    (as a field, a file, or the first step of its owner path)."""
    in_registry = in_registry or registry
    missing = {}
    for declaration in in_registry.declarations():
        listed = {f.name for f in declaration.fields} | set(declaration.files) | set(declaration.not_personal)
        if isinstance(declaration.owner, str) and declaration.owner:
            listed.add(declaration.owner.split("__")[0])
        names = [name for name in personal_looking_fields(declaration.model) if name not in listed]
        if names:
            missing[declaration.label] = names
    return missing
