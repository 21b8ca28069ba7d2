from django.db import models
from django.utils.translation import gettext_lazy as _


class TagName(models.Model):
    """A tag's Chinese name. Tags are shared by articles and venues in both languages
    (their slugs stay ASCII and synchronised); the tag's own ``name`` is the English
    one, this row gives the name Chinese readers see."""

    tag = models.OneToOneField(
        "taggit.Tag",
        verbose_name=_("tag"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="chinese",
    )
    name_zh = models.CharField(_("Chinese name"), max_length=100)

    class Meta:
        verbose_name = _("tag's Chinese name")
        verbose_name_plural = _("tags' Chinese names")

    def __str__(self):
        return self.name_zh
