"""Form fields shared by the apps that accept uploads."""

from django import forms

from .images import open_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several images in one input; each is checked by content, size and pixels."""

    widget = MultipleFileInput

    def __init__(self, *, max_bytes, max_pixels, **kwargs):
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif", "multiple": True}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        for upload in files:
            open_upload(upload, max_bytes=self.max_bytes, max_pixels=self.max_pixels)
        return files
