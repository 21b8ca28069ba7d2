"""The newsletter part of a member's email settings page (accounts/notifications)."""

from core.models_mail import SuppressedAddress
from core.ratelimit import allow

from . import subscriptions
from .forms import PreferencesForm


class MemberNewsletters:
    """The member's lists, the monthly-cap choice, and whether their address is
    suppressed (with what they can do about it)."""

    prefix = "newsletters"

    def __init__(self, user, data=None):
        self.user = user
        self.subscriber = subscriptions.subscriber_for_member(user, create=False)
        active = subscriptions.active_list_ids(self.subscriber)
        self.form = PreferencesForm(
            data,
            prefix=self.prefix,
            initial={
                "lists": sorted(active),
                "allow_more_promotions": bool(self.subscriber and self.subscriber.allow_more_promotions),
            },
        )
        self.suppression = SuppressedAddress.objects.filter(
            email=SuppressedAddress.normalise(user.email)
        ).first()

    def is_valid(self):
        return self.form.is_valid()

    def save(self):
        chosen = [item.pk for item in self.form.cleaned_data["lists"]]
        more = self.form.cleaned_data["allow_more_promotions"]
        if self.subscriber is None and not chosen:
            return  # nothing asked for: no subscriber row is made
        subscriber = self.subscriber or subscriptions.subscriber_for_member(self.user)
        language = (
            getattr(getattr(self.user, "profile", None), "preferred_language", "") or subscriber.language
        )
        if subscriber.language != language:
            subscriber.language = language
            subscriber.save(update_fields=["language", "updated_at"])
        subscriptions.set_lists(subscriber, chosen, more)

    def resume(self):
        """The member asks for email again after a bounce or complaint (a few times a day at most)."""
        if self.suppression is None or not allow(f"newsletters-resume:{self.user.pk}", limit=3, period=86400):
            return False
        self.suppression.delete()
        self.suppression = None
        return True
