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

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

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


@dataclass(frozen=True)
class Retention:
    """Rows are purged ``days`` after the datetime in field ``after``."""

    days: int
    after: str
    action: str = "delete_row"  # or "anonymise": erase the declared fields, keep the row


@dataclass
class Declaration:
    model: type
    owner: str
    fields: list[Field]
    files: list[str] = field(default_factory=list)
    retention: Retention | None = None
    description: str = ""

    @property
    def label(self):
        return self.model._meta.label

    def field(self, name):
        return next(f for f in self.fields if f.name == name)


class PersonalDataRegistry:
    def __init__(self):
        self._declarations = {}

    def declare(self, model, *, owner, fields, files=(), retention=None, description=""):
        """Declare ``model``'s personal data. ``owner`` is the ORM path from the
        model to its user ("" when the model is the user model itself)."""
        label = model._meta.label
        if label in self._declarations:
            raise ValueError(f"{label} is declared twice in the personal-data registry")
        model_fields = {f.name for f in model._meta.get_fields()}
        for item in [*fields, *[Field(name, "content") for name in files]]:
            if item.name not in model_fields:
                raise ValueError(f"{label} has no field {item.name!r}")
        if retention is not None and retention.after not in model_fields:
            raise ValueError(f"{label} has no field {retention.after!r} for its retention")
        declaration = Declaration(model, owner, list(fields), list(files), retention, description)
        self._declarations[label] = declaration
        return declaration

    def exempt(self, model, reason):
        """Record that ``model`` holds no personal data despite appearances."""
        self.declare(model, owner="", fields=[], description=f"exempt: {reason}")

    def get(self, model):
        return self._declarations.get(model._meta.label)

    def __iter__(self):
        return iter(self._declarations.values())

    def __contains__(self, model):
        return model._meta.label in self._declarations


registry = PersonalDataRegistry()
