"""What every payment provider offers the rest of the app.

A provider starts a payment for an order (a QR code, a redirect, transfer details),
turns a provider's call to us into a verified ``PaymentEvent`` (or refuses it), answers
that call the way the provider expects, and can be asked for an order's state.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse


class InvalidNotification(Exception):
    """A call that did not come from the provider, or that we cannot read."""


class ProviderError(Exception):
    """The provider could not be reached or refused the request."""


@dataclass(frozen=True)
class PaymentEvent:
    order_reference: str  # our Order.reference, sent to the provider as its order id
    paid: bool
    amount: Decimal | None = None
    currency: str = ""
    provider_reference: str = ""  # the provider's transaction id
    event_id: str = ""  # the provider's id for this notification, when it has one


@dataclass
class Checkout:
    """What the order page shows to pay: a template snippet and its context, or a
    redirect to the provider's own page."""

    template: str = ""
    context: dict = field(default_factory=dict)
    redirect_url: str = ""


class Provider:
    method = ""
    # Shown to buyers, and whether buyers can choose it right now.
    label = ""

    def is_configured(self):
        return False

    def start(self, order, request):
        """Begin paying ``order``: return a ``Checkout``. May raise ``ProviderError``."""
        raise NotImplementedError

    def parse_notification(self, request):
        """Verify the provider's signature on ``request`` and return its ``PaymentEvent``;
        raise ``InvalidNotification`` when it is not genuine or cannot be read."""
        raise InvalidNotification("This provider does not call us.")

    def acknowledge(self, ok):
        """The response the provider expects after a notification."""
        return HttpResponse("ok" if ok else "error", status=200 if ok else 400, content_type="text/plain")

    def query(self, order):
        """Ask the provider about ``order``: a ``PaymentEvent`` or None when it cannot say."""
        return None
