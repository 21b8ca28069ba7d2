"""A job post takes one job credit when it is sent in; moderation turning it down
gives the credit back; two posts racing for the last credit make one post."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from classifieds import lifecycle
from classifieds.models import Listing, Status
from payments import ledger
from tests.factories.users import UserFactory, verified_user

JOB = {
    "title": "Barista wanted",
    "description": "Weekend shifts in a quiet lane café.",
    "language": "en",
    "employer_name": "Lane Coffee",
    "role": "Barista",
    "job_type": "part-time",
}


@pytest.fixture
def employer(db):
    return verified_user(username="lanecoffee", email="hello@lane.example")


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer)
    return client


@pytest.mark.django_db
def test_the_form_says_how_many_credits_are_left(employer_client, employer):
    page = employer_client.get("/en/classifieds/jobs/post/").content.decode()
    assert "You have 0 credits left." in page and "/en/payments/" in page
    ledger.adjust(employer, 2, "Starter credits", None)
    page = employer_client.get("/en/classifieds/jobs/post/").content.decode()
    assert "You have 2 credits left." in page


@pytest.mark.django_db
def test_without_a_credit_nothing_is_posted(employer_client):
    response = employer_client.post("/en/classifieds/jobs/post/", JOB)
    assert response.status_code == 200
    assert "you have none left" in response.content.decode()
    assert Listing.objects.count() == 0


@pytest.mark.django_db
def test_a_draft_costs_nothing_and_sending_it_in_takes_the_credit(employer_client, employer):
    employer_client.post("/en/classifieds/jobs/post/", {**JOB, "save_draft": "1"})
    draft = Listing.objects.get()
    assert draft.status == Status.DRAFT
    with pytest.raises(lifecycle.NoJobCredit):
        lifecycle.submit(draft)
    ledger.adjust(employer, 1, "Starter credit", None)
    lifecycle.submit(draft)
    assert Listing.objects.get().status == Status.PENDING
    assert ledger.balance(employer) == 0


@pytest.mark.django_db
def test_a_post_takes_one_credit_and_a_rejection_gives_it_back(employer_client, employer):
    ledger.adjust(employer, 1, "Starter credit", None)
    employer_client.post("/en/classifieds/jobs/post/", JOB)
    job = Listing.objects.get()
    assert job.status == Status.PENDING and ledger.balance(employer) == 0
    lifecycle.reject(job, UserFactory(is_staff=True), "Not a real job offer")
    assert ledger.balance(employer) == 1


@pytest.mark.django_db
def test_removing_a_published_job_keeps_the_credit_spent(employer_client, employer):
    ledger.adjust(employer, 1, "Starter credit", None)
    employer_client.post("/en/classifieds/jobs/post/", JOB)
    job = Listing.objects.get()
    moderator = UserFactory(is_staff=True)
    lifecycle.publish(job, moderator)
    lifecycle.reject(job, moderator, "Broke the rules after publication")
    assert ledger.balance(employer) == 0


@pytest.mark.django_db
def test_other_kinds_cost_nothing(client):
    poster = verified_user(username="flat")
    client.force_login(poster)
    response = client.post(
        "/en/classifieds/buy-sell/post/",
        {"title": "Bike", "description": "Blue", "language": "en", "price": "400", "item_category": "bikes",
         "condition": "good"},
    )  # fmt: skip
    assert response.status_code == 302
    assert ledger.balance(poster) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_job_posts_with_one_credit_left_make_one_post(employer):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL")
    ledger.adjust(employer, 1, "The last credit", None)
    barrier = threading.Barrier(2)
    statuses = []

    def post(title):
        client = Client()
        client.force_login(employer)
        try:
            barrier.wait()
            response = client.post("/en/classifieds/jobs/post/", {**JOB, "title": title})
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(title,)) for title in ("Barista", "Baker")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]  # one posted and redirected, one told there is no credit
    assert Listing.objects.filter(kind="jobs").count() == 1
    assert ledger.balance(employer) == 0


@pytest.mark.django_db
def test_renewing_an_expired_job_is_a_new_run_and_costs_a_credit(employer_client, employer):
    ledger.adjust(employer, 2, "Starter credits", None)
    employer_client.post("/en/classifieds/jobs/post/", JOB)
    job = Listing.objects.get()
    lifecycle.publish(job, UserFactory(is_staff=True))
    lifecycle.expire(job)
    assert ledger.balance(employer) == 1
    lifecycle.submit(job)
    assert ledger.balance(employer) == 0
    job.refresh_from_db()
    assert job.status == Status.PENDING
    # Sent in again while pending (an edit): no extra charge.
    lifecycle.submit(job)
    assert ledger.balance(employer) == 0


@pytest.mark.django_db
def test_a_job_edited_after_it_ran_and_then_turned_down_keeps_its_credit_spent(employer_client, employer):
    ledger.adjust(employer, 1, "Starter credit", None)
    employer_client.post("/en/classifieds/jobs/post/", JOB)
    job = Listing.objects.get()
    moderator = UserFactory(is_staff=True)
    lifecycle.publish(job, moderator)
    lifecycle.back_to_moderation(job)  # a substantive edit sends it back to the queue
    assert Listing.objects.get().status == Status.PENDING
    lifecycle.reject(job, moderator, "The edit broke the rules")
    assert ledger.balance(employer) == 0
