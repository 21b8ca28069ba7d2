from . import ledger
from .models import Invoice, Order

DASHBOARD_ROWS = 5


def dashboard_summary(user):
    """One summary for the dashboard (three queries), or nothing for a member who
    never bought anything."""
    orders = list(Order.objects.owned_by(user).select_related("product")[:DASHBOARD_ROWS])
    balance = ledger.balance(user)
    if not orders and not balance:
        return []
    invoices = list(Invoice.objects.owned_by(user)[:DASHBOARD_ROWS])
    return [{"balance": balance, "orders": orders, "invoices": invoices}]
