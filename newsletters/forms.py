from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NewsletterList


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    # Left empty by people; filled in by bots.
    website = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


class ListsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.description}" if obj.description else obj.name


class PreferencesForm(forms.Form):
    lists = ListsField(
        label=_("Newsletters"),
        queryset=NewsletterList.objects.all(),
        required=False,
    )
    allow_more_promotions = forms.BooleanField(
        label=_("Send me more than two promotional newsletters a month"), required=False
    )
