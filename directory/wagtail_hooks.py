"""Review moderation in the Wagtail admin: pending and reported reviews, publish or
remove one by one or in bulk; the venue's average follows every change."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import reviews
from .models import Review


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "openquote"
    menu_label = _("Venue reviews")
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["venue", "rating", "author", "status", "created_at"]
    list_filter = ["status", "rating"]
    search_fields = ["text"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = True
    form_fields = ["status", "removal_reason"]

    def get_queryset(self, request):
        return Review.objects.select_related("venue", "author")


register_snippet(ReviewViewSet)


@hooks.register("after_edit_snippet")
def keep_rating_right(request, instance):
    if isinstance(instance, Review):
        reviews.update_rating(instance.venue.translation_key)


class ReviewStatusBulkAction(SnippetBulkAction):
    models = [Review]
    template_name = "directory/admin/bulk_review.html"
    new_status = None

    def check_perm(self, obj):
        return self.request.user.has_perm("directory.change_review")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for review in objects:
            reviews.set_status(review, cls.new_status, moderator=user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}


class PublishReviewsBulkAction(ReviewStatusBulkAction):
    display_name = _("Publish")
    action_type = "publish_reviews"
    aria_label = _("Publish the selected reviews")
    new_status = Review.Status.PUBLISHED

    def get_success_message(self, count, _children):
        return ngettext("%(count)d review published.", "%(count)d reviews published.", count) % {
            "count": count
        }


class RemoveReviewsBulkAction(ReviewStatusBulkAction):
    display_name = _("Remove")
    action_type = "remove_reviews"
    aria_label = _("Remove the selected reviews")
    new_status = Review.Status.REMOVED

    def get_success_message(self, count, _children):
        return ngettext("%(count)d review removed.", "%(count)d reviews removed.", count) % {"count": count}


hooks.register("register_bulk_action", PublishReviewsBulkAction)
hooks.register("register_bulk_action", RemoveReviewsBulkAction)
