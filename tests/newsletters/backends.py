"""A provider that goes down: anymail's test backend, failing from the Nth call on."""

from anymail.backends.test import EmailBackend


class Outage(Exception):
    pass


class FailingEmailBackend(EmailBackend):
    calls = 0
    fail_from_call = 3

    def send_messages(self, email_messages):
        type(self).calls += 1
        if type(self).calls >= self.fail_from_call:
            raise Outage("the provider stopped answering")
        return super().send_messages(email_messages)
