"""The form members use to send an event in (R-POST-5)."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import District
from core.validators import validate_multiline, validate_single_line

from .dates import SHANGHAI
from .models import MAX_PRICE, Category

# Something a browser would read as the start of a tag, a comment or a doctype.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:", re.IGNORECASE)
MAX_DAYS_AHEAD = 730
MAX_DURATION = timedelta(days=366)


def validate_no_markup(value):
    if MARKUP.search(value):
        raise forms.ValidationError(
            _("Write plain text: HTML tags and scripts are not allowed here."), code="markup"
        )


def plain(value, multiline=False):
    value = value.strip()
    (validate_multiline if multiline else validate_single_line)(value)
    validate_no_markup(value)
    return value


class VenueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class EventSubmissionForm(forms.Form):
    title = forms.CharField(label=_("Event name"), max_length=120)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—")] + Category.choices)
    start_date = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    end_time = forms.TimeField(
        label=_("Ends at"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    all_day = forms.BooleanField(label=_("All day"), required=False)
    venue = VenueChoiceField(
        label=_("At your venue"),
        queryset=None,
        required=False,
        empty_label=_("Somewhere else"),
        error_messages={
            "invalid_choice": _("Choose one of the venues you run, or give the location as text.")
        },
    )
    location = forms.CharField(
        label=_("Location"),
        max_length=200,
        required=False,
        help_text=_("Name and address of the place, if it is not one of your venues."),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Choose a district"),
    )
    is_free = forms.BooleanField(label=_("Free entry"), required=False)
    price = forms.DecimalField(
        label=_("Price (CNY)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        decimal_places=2,
        max_digits=8,
    )
    tickets_url = forms.URLField(
        label=_("Tickets link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000})
    )
    note = forms.CharField(
        label=_("Note to the editors"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Not published. How can editors reach you with questions?"),
    )

    def __init__(self, *args, venues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues
        self.has_venues = venues is not None and venues.exists()

    def clean_title(self):
        return plain(self.cleaned_data["title"])

    def clean_location(self):
        return plain(self.cleaned_data["location"])

    def clean_description(self):
        return plain(self.cleaned_data["description"], multiline=True)

    def clean_note(self):
        return plain(self.cleaned_data["note"], multiline=True)

    def clean(self):
        cleaned = super().clean()
        self._clean_times(cleaned)
        if not cleaned.get("venue") and not cleaned.get("location") and "venue" not in self.errors:
            self.add_error("location", _("Say where the event happens."))
        if cleaned.get("location") and not cleaned.get("venue") and not cleaned.get("district"):
            self.add_error("district", _("Choose the district of the location."))
        if cleaned.get("is_free") and cleaned.get("price"):
            self.add_error(
                "price", _("A free event has no price. Untick “Free entry” or leave the price empty.")
            )
        elif not cleaned.get("is_free") and cleaned.get("price") is None and "price" not in self.errors:
            self.add_error("price", _("Give the price, or tick “Free entry”."))
        return cleaned

    def _clean_times(self, cleaned):
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        if not start_date or not end_date:
            return
        all_day = cleaned.get("all_day")
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if not all_day:
            if start_time is None and "start_time" not in self.errors:
                self.add_error("start_time", _("Give a start time, or tick “All day”."))
            if end_time is None and "end_time" not in self.errors:
                self.add_error("end_time", _("Give an end time, or tick “All day”."))
            if start_time is None or end_time is None:
                return
        start = datetime.combine(start_date, time(0) if all_day else start_time, tzinfo=SHANGHAI)
        end = datetime.combine(end_date, time(0) if all_day else end_time, tzinfo=SHANGHAI)
        now = timezone.now()
        today = now.astimezone(SHANGHAI).date()
        if (all_day and end_date < start_date) or (not all_day and end <= start):
            self.add_error("end_date", _("The event must end after it starts."))
        elif (all_day and start_date < today) or (not all_day and start < now):
            self.add_error(
                "start_date", _("This date is in the past. Send in events that are still to come.")
            )
        elif start_date > today + timedelta(days=MAX_DAYS_AHEAD):
            self.add_error("start_date", _("Events can be sent in at most two years ahead."))
        elif end - start > MAX_DURATION:
            self.add_error("end_date", _("An event can last at most a year."))
        else:
            cleaned["start"], cleaned["end"] = start, end
