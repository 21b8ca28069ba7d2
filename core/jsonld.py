import json

from django.utils.safestring import mark_safe

# Characters that could end the <script> element or start an HTML entity.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def jsonld_script(data):
    """A schema.org JSON-LD block, safe to place in HTML whatever the data holds."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
