"""Development: the embedded default (SQLite, eager tasks, console email)."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)

PAYMENTS_SELLER = with_demo(PAYMENTS_SELLER, DEMO_PAYMENTS_SELLER)  # noqa: F405
PAYMENTS_BANK_ACCOUNT = with_demo(PAYMENTS_BANK_ACCOUNT, DEMO_PAYMENTS_BANK_ACCOUNT)  # noqa: F405
