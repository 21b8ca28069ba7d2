"""Tags in the admin: one screen per tag with its English and Chinese names, and a
filter that finds the tags Chinese readers still see in English."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .tags import set_chinese_name, with_names


class TagForm(WagtailAdminModelForm):
    name_zh = forms.CharField(
        label=_("Chinese name"),
        max_length=100,
        required=False,
        help_text=_("What Chinese readers see. Without it they see the English name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["name_zh"].initial = (
                getattr(self.instance, "chinese", None) and self.instance.chinese.name_zh
            )

    def save(self, commit=True):
        tag = super().save(commit=commit)
        if commit:
            set_chinese_name(tag, self.cleaned_data.get("name_zh"))
        return tag


class TagFilterSet(WagtailFilterSet):
    chinese_name = django_filters.ChoiceFilter(
        label=_("Chinese name"),
        choices=[("missing", _("Missing")), ("present", _("Given"))],
        method="filter_chinese_name",
        empty_label=_("All"),
    )

    class Meta:
        model = Tag
        fields = []

    def filter_chinese_name(self, queryset, name, value):
        if value == "missing":
            return queryset.filter(chinese__isnull=True)
        if value == "present":
            return queryset.filter(chinese__isnull=False)
        return queryset


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 850
    add_to_admin_menu = True
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("name_zh"), FieldPanel("slug")], base_form_class=TagForm
    )
    list_display = ["name", Column("name_zh", label=_("Chinese name")), "slug"]
    filterset_class = TagFilterSet
    search_fields = ["name", "slug", "chinese__name_zh"]
    ordering = ["name"]

    def get_queryset(self, request):
        return with_names(Tag.objects.all())
