"""Bank transfer: the buyer puts the order's reference on the transfer; staff match
the bank statement and mark the order paid in the admin."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import Checkout, Provider


class BankTransfer(Provider):
    method = "bank"
    label = _("Bank transfer")

    def is_configured(self):
        return bool(settings.PAYMENTS_BANK_ACCOUNT.get("account_number"))

    def start(self, order, request):
        return Checkout(
            template="payments/checkout/bank.html",
            context={"bank": settings.PAYMENTS_BANK_ACCOUNT, "reference": order.reference},
        )
