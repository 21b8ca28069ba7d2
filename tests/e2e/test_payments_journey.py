"""A member buys five job credits by bank transfer, staff find the transfer and mark
the order paid, the member posts a job and sees four credits left and the invoice
on their dashboard (R-PAY-1…4)."""

import re

import pytest

from payments.models import Invoice, Order, OrderStatus
from tests.factories.payments import ProductFactory
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def test_buy_credits_by_bank_transfer_then_post_a_job(
    browser, live_server, demo_site, django_db_serialized_rollback
):
    base = live_server.url
    verified_user(username="lanecoffee", email="hello@lane.example")
    UserFactory(username="cashier", is_staff=True, is_superuser=True)
    ProductFactory(code="credits-5", name_en="5 job credits", credits=5)

    member = browser.new_context(locale="en-GB").new_page()
    member.set_default_timeout(15_000)
    member.goto(f"{base}/en/accounts/login/")
    member.fill("input[name=login]", "lanecoffee")
    member.fill("input[name=password]", PASSWORD)
    member.locator("main form button[type=submit]").click()
    member.wait_for_url(re.compile(r".*/accounts/my-posts/$"))

    member.goto(f"{base}/en/payments/")
    member.get_by_role("link", name="Buy").first.click()
    member.check("input[name=method][value=bank]")
    member.fill("input[name=invoice_name]", "Lane Coffee Ltd")
    member.get_by_role("button", name="Place order").click()
    member.wait_for_url(re.compile(r".*/en/payments/orders/[0-9a-f-]+/$"))
    order = Order.objects.get(buyer__username="lanecoffee")
    assert member.locator(".payment-reference").inner_text() == order.reference

    staff = browser.new_context(locale="en-GB").new_page()
    staff.set_default_timeout(15_000)
    staff.goto(f"{base}/admin/login/")
    staff.fill("input[name=username]", "cashier")
    staff.fill("input[name=password]", PASSWORD)
    staff.locator("button[type=submit]").click()
    staff.wait_for_url(re.compile(r".*/admin/$"))
    staff.goto(f"{base}/admin/payments/reconciliation/")
    staff.get_by_role("link", name=order.reference).first.click()
    staff.check("input[name=confirm]")
    staff.get_by_role("button", name="Mark paid").click()
    staff.wait_for_load_state()
    assert staff.get_by_text("is paid and fulfilled").is_visible()
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED

    member.goto(f"{base}/en/classifieds/jobs/post/")
    assert member.get_by_text("You have 5 credits left.").is_visible()
    member.fill("input[name=title]", "Barista wanted")
    member.fill("textarea[name=description]", "Weekend shifts in a quiet lane café.")
    member.fill("input[name=employer_name]", "Lane Coffee")
    member.fill("input[name=role]", "Barista")
    member.select_option("select[name=job_type]", "part-time")
    member.locator("main form button[name=submit]").click()
    member.wait_for_url(re.compile(r".*/en/classifieds/jobs/\d+-barista-wanted/$"))

    member.goto(f"{base}/en/accounts/my-posts/")
    section = member.locator("#section-payments")
    assert "You have 4 job credits." in section.inner_text()
    invoice = Invoice.objects.get(order=order)
    section.get_by_role("link", name=re.compile(invoice.number)).click()
    member.wait_for_url(re.compile(rf".*/en/payments/invoices/{invoice.number}/$"))
    assert "Lane Coffee Ltd" in member.locator("article.invoice").inner_text()
    assert "¥250.00" in member.locator("article.invoice").inner_text()
