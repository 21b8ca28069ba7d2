"""Members save the filters of a browse page, list their saved searches, change how
often they hear about new matches, and delete them."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Kind, SavedSearch
from .saved_searches import Describer, SearchNotSaved, clean_filters, suggested_name
from .views import kind_or_404


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"name": gettext_lazy("Name of this search"), "frequency": gettext_lazy("Email me")}
        widgets = {"frequency": forms.RadioSelect}


class FrequencyForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["frequency"]
        labels = {"frequency": gettext_lazy("Email me")}


def own_searches(user):
    return SavedSearch.objects.owned_by(user)


@login_required
def save_search(request, kind):
    """GET shows what will be saved; POST saves it. The filters always come from the
    query string, exactly as the browse page reads them."""
    kind = kind_or_404(kind)
    index_url = redirect("classifieds:index", kind=kind)
    try:
        filters = clean_filters(kind, request.GET, len(request.META.get("QUERY_STRING", "")))
    except SearchNotSaved as reason:
        messages.error(request, str(reason))
        return index_url
    search = SavedSearch(owner=request.user, kind=kind, filters=filters)
    initial = {"name": suggested_name(kind, filters), "frequency": SavedSearch.Frequency.DAILY}
    form = SavedSearchForm(request.POST or None, instance=search, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # One member's saves run one at a time, so the cap holds.
            get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
            mine = own_searches(request.user)
            if mine.filter(kind=kind, filters=filters).exists():
                messages.info(request, _("You have already saved this search."))
                return redirect("classifieds:saved_searches")
            if mine.count() >= settings.CLASSIFIEDS_SAVED_SEARCHES_MAX:
                messages.error(
                    request,
                    _("You can keep up to %(max)d saved searches. Delete one to save another.")
                    % {"max": settings.CLASSIFIEDS_SAVED_SEARCHES_MAX},
                )
                return redirect("classifieds:saved_searches")
            form.save()
        messages.success(request, _("Your search is saved."))
        return redirect("classifieds:saved_searches")
    return render(
        request,
        "classifieds/saved_search_form.html",
        {
            "form": form,
            "kind": kind,
            "search": search,
            "description": Describer().describe(search),
            "query_string": urlencode(sorted(filters.items())),
        },
    )


@login_required
def saved_searches(request):
    searches = list(own_searches(request.user).order_by("-created_at", "-pk"))
    describer = Describer()
    rows = [
        {"search": search, "description": describer.describe(search), "form": FrequencyForm(instance=search)}
        for search in searches
    ]
    return render(
        request,
        "classifieds/saved_searches.html",
        {"rows": rows, "max": settings.CLASSIFIEDS_SAVED_SEARCHES_MAX, "kinds": Kind},
    )


@login_required
@require_POST
def change_frequency(request, pk):
    search = get_object_or_404(own_searches(request.user), pk=pk)
    was = search.frequency
    form = FrequencyForm(request.POST, instance=search)
    if form.is_valid():
        if search.frequency == SavedSearch.Frequency.DAILY and was != SavedSearch.Frequency.DAILY:
            # The first digest covers what is new from now: no flood of old listings.
            search.last_digest_at = timezone.now()
        form.save()
        messages.success(request, _("Your alert for “%(name)s” is changed.") % {"name": search.name})
    else:
        messages.error(request, _("Choose how often you want to hear about new listings."))
    return redirect("classifieds:saved_searches")


@login_required
def delete_search(request, pk):
    search = get_object_or_404(own_searches(request.user), pk=pk)
    if request.method == "POST":
        search.delete()
        messages.success(request, _("The saved search “%(name)s” is deleted.") % {"name": search.name})
        return redirect("classifieds:saved_searches")
    return render(request, "classifieds/saved_search_delete.html", {"search": search})
