from core.jsonld import jsonld_script
from core.tags import tag_label

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def venue_jsonld(request, page, rating, tags=()):
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": page.title,
        "url": page.get_full_url(request),
        "telephone": page.phone or None,
        "priceRange": "¥" * page.price_level if page.price_level else None,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address_en,
            "addressLocality": "Shanghai",
            "addressRegion": page.district.name_en,
            "addressCountry": "CN",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": DAY_NAMES[p.weekday],
                "opens": p.opens.strftime("%H:%M"),
                "closes": p.closes.strftime("%H:%M"),
            }
            for p in page.periods
        ],
        # Tags in the page's own language, like its name.
        "keywords": ", ".join(tag_label(tag, page.locale.language_code) for tag in tags) or None,
    }
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": str(page.latitude),
            "longitude": str(page.longitude),
        }
    if rating and rating.count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(rating.average),
            "reviewCount": rating.count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return jsonld_script({k: v for k, v in data.items() if v not in (None, [], "")})
