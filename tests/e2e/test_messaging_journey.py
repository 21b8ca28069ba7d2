"""A member asks about a listing, the poster is emailed and replies, the member sees
the reply, then blocks the poster, who can no longer write (R-MSG-1)."""

import re

import pytest
from django.core import mail

from messaging.models import Message, Thread
from tests.factories.classifieds import item
from tests.factories.users import verified_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def log_in(browser, base, login):
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/my-posts/$"))
    return page


def test_enquire_reply_and_block(browser, live_server, demo_site, django_db_serialized_rollback):
    base = live_server.url
    verified_user(username="ana", email="ana@example.com")
    poster = verified_user(username="ben", email="ben@example.com")
    poster.profile.display_name = "Ben"
    poster.profile.save()
    bike = item(owner=poster, title="Blue city bike")
    mail.outbox.clear()

    ana = log_in(browser, base, "ana")
    ana.goto(f"{base}{bike.get_absolute_url()}")
    ana.get_by_role("link", name="Message the poster").click()
    ana.fill("textarea[name=body]", "Hi Ben, is the bike still for sale? https://example.org/bikes")
    ana.get_by_role("button", name="Send message").click()
    ana.wait_for_url(re.compile(r".*/en/messages/t/\d+/$"))
    assert ana.get_by_text("Your message is sent.").is_visible()
    thread = Thread.objects.get(listing=bike)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ben@example.com"] and "still for sale" not in email.body
    link = re.search(r"https?://\S+(/en/messages/t/\d+/)", email.body).group(1)

    ben = log_in(browser, base, "ben")
    ben.goto(f"{base}{link}")
    assert ben.get_by_text("is the bike still for sale?").is_visible()
    assert ben.locator('a[href="https://example.org/bikes"][rel~="nofollow"]').count() == 1
    ben.fill("textarea[name=body]", "Yes, come by on Saturday.")
    ben.get_by_role("button", name="Send", exact=True).click()
    ben.wait_for_url(re.compile(r".*/en/messages/t/\d+/(#latest)?$"))

    assert mail.outbox[-1].to == ["ana@example.com"]
    ana.goto(f"{base}/en/messages/")
    assert ana.get_by_text("Yes, come by on Saturday.").is_visible()
    ana.get_by_role("link", name=re.compile("Ben")).first.click()
    assert ana.get_by_text("Yes, come by on Saturday.").is_visible()

    ana.get_by_role("button", name="Block Ben").click()
    ana.wait_for_url(re.compile(r".*/en/messages/blocked/$"))
    assert ana.get_by_text("You blocked Ben.").is_visible()
    ana.goto(f"{base}/en/messages/")
    assert ana.get_by_text("Blue city bike").count() == 0

    ben.goto(f"{base}{link}")
    assert ben.get_by_text("You can no longer send messages in this conversation.").is_visible()
    assert ben.locator("textarea[name=body]").count() == 0
    # Even a hand-made request is refused.
    status = ben.evaluate(
        """async () => {
            const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({csrfmiddlewaretoken: token, body: 'Why?'});
            const response = await fetch(location.pathname, {method: 'POST', body});
            return response.status;
        }"""
    )
    assert status == 403
    assert not Message.objects.filter(thread=thread, body="Why?").exists()
    ben.goto(f"{base}/en/messages/")
    assert ben.get_by_text("Blue city bike").count() == 0
