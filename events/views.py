from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.ratelimit import allow

from . import submissions
from .forms import EventSubmissionForm

SUBMISSIONS_PER_DAY = 5


@verified_email_required
def submit_event(request):
    """Members (and venue owners, for their venues) send an event to the editors."""
    calendar = submissions.calendar_for(get_language())
    if calendar is None:
        raise Http404
    venues = submissions.venues_run_by(request.user)
    form = EventSubmissionForm(request.POST or None, venues=venues)
    if request.method == "POST" and form.is_valid():
        if not allow(f"event-submission:{request.user.pk}", limit=SUBMISSIONS_PER_DAY, period=86400):
            messages.error(request, _("You have sent many events today. Please try again tomorrow."))
            return redirect(calendar.get_url(request))
        submissions.submit(form.cleaned_data, request.user, calendar)
        messages.success(
            request,
            _("Thank you! Editors will review your event; you will get an email when it is published."),
        )
        return redirect(f"{reverse('accounts:dashboard')}#section-events")
    return render(request, "events/submit.html", {"form": form, "calendar": calendar})
