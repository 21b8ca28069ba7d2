"""R-PRIV-2: a member with data in every domain app gets all of it in one archive,
field by field as the registry declares it, and nothing of anyone else's."""

import json

import pytest
from django.core import mail

from core.personal_data import registry
from privacy.erasure import erase_user
from privacy.export import ExportEncoder, _value, collect
from privacy.models import ExportRequest
from tests.privacy.helpers import download_link, give_domain_data, read_archive

pytestmark = pytest.mark.django_db


def test_the_archive_covers_every_domain_app(
    client, member, other_member, django_capture_on_commit_callbacks
):
    labels = give_domain_data(member, other_member)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/privacy/export/")
    response = client.get(download_link(mail.outbox[0]))
    _archive, data = read_archive(b"".join(response.streaming_content))

    covered = set()
    for declaration in registry.declarations():
        exported = [f for f in declaration.fields if f.export]
        for obj in declaration.rows_for(member.pk):
            for item in exported:
                records = data[f"data/{item.category}.json"]["records"]
                record = next(r for r in records if r["model"] == declaration.label and r["id"] == obj.pk)
                expected = _value(declaration.model._meta.get_field(item.name), obj)
                if (declaration.label, item.name) == ("privacy.ExportRequest", "status"):
                    expected = ExportRequest.PENDING  # the archive shows the request while it was built
                assert record["fields"][item.name] == json.loads(json.dumps(expected, cls=ExportEncoder))
                covered.add(declaration.label)
    assert labels <= covered, labels - covered
    everything = json.dumps(data, ensure_ascii=False)
    assert "Rude reply" not in everything  # the other member's message stays theirs
    assert other_member.email not in everything


def test_erasure_leaves_nothing_of_the_member_in_any_domain_app(member, other_member):
    give_domain_data(member, other_member)
    words = [
        "Still for sale?",
        "Good broth",
        "A table for six?",
        "Where is my refund?",
        "Free drinks",
        "New line",
        "Sofas near Jing'an Temple",
    ]
    before = json.dumps(collect(member.pk)[0], cls=ExportEncoder, ensure_ascii=False)
    assert all(word in before for word in words)

    erase_user(member.pk)
    after = json.dumps(collect(member.pk)[0], cls=ExportEncoder, ensure_ascii=False)
    assert not [word for word in words if word in after]
    assert member.email not in after
    # The other member keeps what is theirs.
    assert "Rude reply" in json.dumps(collect(other_member.pk)[0], cls=ExportEncoder, ensure_ascii=False)
