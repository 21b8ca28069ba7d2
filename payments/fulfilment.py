"""What an order delivers, for products whose goods live in another app.

Payments sells things it does not own (a featured run belongs to a classified
listing). Rather than import those apps, payments keeps this registry and the app
that owns the goods fills it in from its ``AppConfig.ready()``: payments then only
asks the registry, and the dependency points from the domain app to payments.

An order's target (what the purchase is for) is still stored in ``Order.listing``;
``targets`` lists what a member may choose there at checkout.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fulfilment:
    """How one product kind is delivered and taken back.

    ``fulfil(order)`` delivers and returns False when it cannot (the order then
    stays paid, undelivered); ``refund(order)`` takes the delivery back. Both run
    inside the order's transaction with the order locked. ``targets(user)`` is the
    queryset a member picks the order's target from at checkout, shown as
    ``target_label``, with ``target_error`` for a choice outside it.
    """

    fulfil: Callable
    refund: Callable
    targets: Callable | None = None
    target_label: str = ""
    target_error: str = ""


_handlers = {}


def register(kind, fulfilment):
    """Called by the owning app's ``ready()``; registering a kind twice is a mistake."""
    if kind in _handlers and _handlers[kind] != fulfilment:
        raise ValueError(f"A fulfilment for {kind!r} is already registered")
    _handlers[kind] = fulfilment


def handler_for(kind):
    """The registered fulfilment for ``kind``, or None."""
    return _handlers.get(kind)
