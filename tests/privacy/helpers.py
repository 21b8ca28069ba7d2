"""Build a member who has data in every place the registry can reach today."""

import io
import json
import re
import zipfile

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.models import RequestLogEntry
from tests.factories.pages import english_home


def phone_of(user):
    return f"+86139{user.pk:08d}"


def wechat_of(user):
    return f"wx_{user.username}_88"[:20]


# A 1×1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def give_member_data(user, client=None):
    """Profile with contact details, an admin avatar, request log rows, a staff log
    entry, an authored page revision, a signed-in session. Returns what was made."""
    made = {}
    profile = getattr(user, "profile", None)
    if profile is not None:
        profile.display_name = f"{user.first_name} {user.last_name}"
        profile.phone = phone_of(user)
        profile.wechat_id = wechat_of(user)
        profile.bio = f"Hi, I am {user.first_name}."
        profile.save()
        made["profile"] = profile
    admin_profile = UserProfile.get_for_user(user)
    admin_profile.preferred_language = "zh-hans"
    admin_profile.avatar.save("portrait.png", ContentFile(PNG), save=True)
    made["avatar"] = admin_profile.avatar.path
    now = timezone.now()
    made["log"] = RequestLogEntry.objects.bulk_create(
        [
            RequestLogEntry(
                created_at=now,
                method="GET",
                path=f"/en/members/{user.username}/",
                status_code=200,
                ip_prefix="203.0.113.0",
                browser="Firefox",
                os="Linux",
                device="pc",
                referrer="https://search.example/results",
                referrer_host="search.example",
                user=user,
            )
        ]
    )
    home = english_home()
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(home),
        object_id=str(home.pk),
        object_repr="Home",
        action_flag=ADDITION,
        change_message="Changed the home page",
    )
    home.save_revision(user=user)
    made["revision"] = home.get_latest_revision()
    if client is not None:
        client.force_login(user)
    return made


def read_archive(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = {
        name: json.loads(archive.read(name))
        for name in archive.namelist()
        if re.match(r"data/\w+\.json$", name)
    }
    return archive, data


def download_link(message):
    match = re.search(r"https?://[^/\s]+(/\S+/privacy/export/download/\S+/)", message.body)
    assert match, message.body
    return match.group(1)
