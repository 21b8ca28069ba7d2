"""Validators for text that people type and other people read."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional overrides and isolates can make text display in a misleading order.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_plain_text(value, allow_newlines=False):
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    for char in value:
        if char in BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in allowed):
            raise ValidationError(
                _("Remove the invisible control characters from this text."), code="control_chars"
            )


def validate_single_line(value):
    validate_plain_text(value, allow_newlines=False)


def validate_multiline(value):
    validate_plain_text(value, allow_newlines=True)
