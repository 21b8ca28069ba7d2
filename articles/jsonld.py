"""schema.org Article data for an article page."""

from core.jsonld import jsonld_script
from core.tags import tag_label

HERO_RENDITION = "fill-1200x630|format-jpeg"


def article_jsonld(request, page, authors, tags=()):
    url = page.get_url(request)
    url = request.build_absolute_uri(url) if request else page.get_full_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.standfirst,
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.updated or page.date).isoformat(),
        "author": [{"@type": "Person", "name": author.name} for author in authors],
        "publisher": {"@type": "Organization", "name": "Longtang"},
    }
    if page.topic_id and page.topic:
        data["articleSection"] = page.topic.name
    if page.hero_image_id and page.hero_image:
        rendition = page.hero_image.get_rendition(HERO_RENDITION)
        data["image"] = request.build_absolute_uri(rendition.url) if request else rendition.url
    if tags:
        # Keywords in the page's own language, like the rest of the data.
        data["keywords"] = [tag_label(tag, page.locale.language_code) for tag in tags]
    if page.sponsored:
        data["sponsor"] = {"@type": "Organization", "name": page.sponsor or "Longtang"}
    return jsonld_script(data)
