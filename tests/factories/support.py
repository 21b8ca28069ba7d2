"""Support tickets, made the way the site makes them."""

from support import services
from support.models import Category, Ticket

from .users import UserFactory


def ticket(user=None, *, category=Category.ACCOUNT, subject="I cannot change my password", **data):
    """A member's ticket (a new member if none is given)."""
    user = user or UserFactory()
    return services.open_ticket(
        data={"category": category, "subject": subject, "body": "Please help.", "privacy_type": "", **data},
        user=user,
        name=user.get_username(),
        email=user.email,
    )


def privacy_request(user=None, kind="deletion", subject="Delete my data", **kwargs):
    return ticket(user, category=Category.PRIVACY, privacy_type=kind, subject=subject, **kwargs)


def visitor_ticket(name="Wang Fang", email="fang@example.com"):
    return services.open_ticket(
        data={"category": Category.OTHER, "subject": "A question", "body": "Hello", "privacy_type": ""},
        name=name,
        email=email,
        from_contact_form=True,
    )


__all__ = ["Ticket", "privacy_request", "ticket", "visitor_ticket"]
