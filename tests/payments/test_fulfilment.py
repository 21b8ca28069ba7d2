"""Payments sells goods other apps own (a featured run) without knowing those apps:
they register how an order is delivered, and payments only asks the registry."""

import ast
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail

from payments import fulfilment, orders
from payments.models import Order, OrderStatus, ProductKind
from tests.factories.classifieds import ListingFactory
from tests.factories.payments import FeaturedProductFactory, OrderFactory, ProductFactory
from tests.factories.users import verified_user


def payments_dir():
    import payments

    return Path(payments.__file__).resolve().parent


def imported_modules(path):
    """Every module a Python file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield str(node.args[0].value)


def test_no_payments_module_imports_classifieds():
    offenders = [
        f"{path.relative_to(payments_dir().parent)}: {module}"
        for path in sorted(payments_dir().rglob("*.py"))
        for module in imported_modules(path)
        if module == "classifieds" or module.startswith("classifieds.")
    ]
    assert offenders == []


def test_the_import_check_sees_function_local_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from classifieds.models import Listing\n", encoding="utf-8")
    assert list(imported_modules(sample)) == ["classifieds.models"]


def test_classifieds_registers_the_featured_run():
    delivery = fulfilment.handler_for(ProductKind.FEATURED)
    assert delivery is not None
    assert delivery.fulfil.__module__ == "classifieds.featuring"
    assert delivery.refund.__module__ == "classifieds.featuring"


def test_a_kind_registered_twice_is_refused():
    delivery = fulfilment.handler_for(ProductKind.FEATURED)
    fulfilment.register(ProductKind.FEATURED, delivery)  # the same one again is harmless
    other = fulfilment.Fulfilment(fulfil=lambda order: True, refund=lambda order: None)
    with pytest.raises(ValueError):
        fulfilment.register(ProductKind.FEATURED, other)


@pytest.mark.django_db
def test_a_paid_order_nobody_can_deliver_stays_paid_and_undelivered(monkeypatch):
    monkeypatch.delitem(fulfilment._handlers, ProductKind.FEATURED)
    listing = ListingFactory()
    order = OrderFactory(
        buyer=listing.owner, product=FeaturedProductFactory(code="featured-7"), listing=listing
    )
    assert orders.mark_paid(order)
    order.refresh_from_db()
    listing.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert listing.featured_until is None


@pytest.mark.django_db
def test_the_checkout_offers_what_the_registered_app_lists(client, monkeypatch):
    buyer = verified_user(username="lan", email="lan@example.com")
    mine = ListingFactory(owner=buyer, title="My bicycle")
    ListingFactory(owner=buyer, title="Not this one")
    delivery = fulfilment.handler_for(ProductKind.FEATURED)
    monkeypatch.setitem(
        fulfilment._handlers,
        ProductKind.FEATURED,
        fulfilment.Fulfilment(
            fulfil=delivery.fulfil,
            refund=delivery.refund,
            targets=lambda user: delivery.targets(user).filter(pk=mine.pk),
            target_label="Pick one",
            target_error="Not yours",
        ),
    )
    FeaturedProductFactory(code="featured-7")
    client.force_login(buyer)
    page = client.get("/en/payments/buy/featured-7/").content.decode()
    assert "Pick one" in page and "My bicycle" in page and "Not this one" not in page


@pytest.mark.django_db
def test_the_return_page_asks_the_provider_only_after_commit(client, django_capture_on_commit_callbacks):
    buyer = verified_user(username="hua", email="hua@example.com")
    order = OrderFactory(buyer=buyer, product=ProductFactory(code="credits-5"), method="alipay")
    client.force_login(buyer)
    with mock.patch("payments.views.query_order") as task:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.get(f"{order.get_absolute_url()}return/")
            assert response.status_code == 302
            task.delay.assert_not_called()
        assert len(callbacks) == 1
        callbacks[0]()
    task.delay.assert_called_once_with(order.pk)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    assert mail.outbox == []
