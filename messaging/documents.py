"""CVs attached to job applications: PDF or Word (DOCX) only, judged by their content,
never by their name or the type the browser claims."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CV_MAX_BYTES = 5 * 1024 * 1024
# A real DOCX holds a handful of parts; thousands of entries is not a CV.
DOCX_MAX_ENTRIES = 2000


def _is_docx(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    if len(names) > DOCX_MAX_ENTRIES:
        return False
    # A macro-enabled document is not a DOCX whatever its name says.
    return (
        "word/document.xml" in names and "[Content_Types].xml" in names and "word/vbaProject.bin" not in names
    )


def cv_format(upload):
    """ "pdf" or "docx" for a CV we accept; raises a clear ValidationError otherwise."""
    if upload.size > CV_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a CV can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(CV_MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found = ""
    if head.startswith(b"%PDF-"):
        found = "pdf"
    elif head.startswith(b"PK\x03\x04") and _is_docx(upload):
        found = "docx"
    upload.seek(0)
    if not found:
        raise ValidationError(_("Upload your CV as a PDF or Word (.docx) file."), code="format")
    return found


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
