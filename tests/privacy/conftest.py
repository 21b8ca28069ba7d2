import pytest
from cookie_consent.cache import delete_cache

from tests.factories.users import UserFactory


@pytest.fixture(autouse=True)
def private_export_storage(settings, tmp_path, monkeypatch):
    """Export archives go to a private folder of the test's own, beside (never inside)
    MEDIA_ROOT."""
    from django.core.files.storage import storages

    from privacy.models import ExportRequest

    root = tmp_path / "private-exports"
    settings.PRIVACY_EXPORT_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_exports": {
            "BACKEND": "privacy.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    # The model field resolved its storage when the model was imported.
    monkeypatch.setattr(ExportRequest._meta.get_field("archive"), "storage", storages["privacy_exports"])
    return root


@pytest.fixture(autouse=True)
def fresh_cookie_groups_cache():
    """django-cookie-consent caches its groups; start every test from the database."""
    delete_cache()
    yield
    delete_cache()


@pytest.fixture
def member(db):
    return UserFactory(
        username="qiuyue_zs88", email="qiuyue.zhangsun@example.com", first_name="Qiuyue", last_name="Zhangsun"
    )


@pytest.fixture
def other_member(db):
    return UserFactory(
        username="tomasz_k77", email="tomasz.k@example.com", first_name="Tomasz", last_name="Kowalski"
    )
