from .enquiries import apply, contact_venue, cv, enquiry_list
from .safety import block, blocked_list, report, unblock
from .threads import archived, direct, inbox, message_poster, thread, toggle_archive, toggle_mute

__all__ = [
    "apply",
    "archived",
    "block",
    "blocked_list",
    "contact_venue",
    "cv",
    "direct",
    "enquiry_list",
    "inbox",
    "message_poster",
    "report",
    "thread",
    "toggle_archive",
    "toggle_mute",
    "unblock",
]
