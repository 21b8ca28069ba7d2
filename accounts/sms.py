"""Pluggable SMS senders, chosen by the ``SMS_BACKEND`` setting (like email backends).

A provider adapter implements ``send(phone, message)``; the console sender is the
default and the local-memory one keeps messages for tests.
"""

import logging
import sys

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSMSSender:
    def send(self, phone, message):
        sys.stdout.write(f"SMS to {phone}: {message}\n")


class LocmemSMSSender:
    outbox = []

    def send(self, phone, message):
        self.outbox.append({"to": phone, "body": message})


def get_sms_sender():
    return import_string(settings.SMS_BACKEND)()
