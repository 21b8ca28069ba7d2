from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that must never have a public URL (export archives): only a view that
    checks who is asking may read them."""

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a view that checks the owner.")
