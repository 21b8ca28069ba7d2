from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multiline

from .models import Review


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 3000})}

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        validate_multiline(value)
        return value
