"""schema.org descriptions of listings for search engines."""

from django.utils import timezone

from core.jsonld import jsonld_script

from .models import Kind


def listing_jsonld(request, listing):
    url = request.build_absolute_uri(listing.get_absolute_url())
    images = [request.build_absolute_uri(p.image.url) for p in listing.photos.all()]
    if listing.kind == Kind.JOBS:
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": listing.role or listing.title,
            "description": listing.description,
            "datePosted": timezone.localtime(listing.published_at).date().isoformat(),
            "validThrough": timezone.localtime(listing.expires_at).isoformat()
            if listing.expires_at
            else None,
            "employmentType": listing.job_type.upper().replace("-", "_") if listing.job_type else None,
            "hiringOrganization": {"@type": "Organization", "name": listing.employer_name},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Shanghai",
                    "addressRegion": listing.district.name_en if listing.district else None,
                    "addressCountry": "CN",
                },
            },
            "url": url,
        }
        if listing.salary_min or listing.salary_max:
            data["baseSalary"] = {
                "@type": "MonetaryAmount",
                "currency": "CNY",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": listing.salary_min,
                    "maxValue": listing.salary_max,
                    "unitText": "MONTH",
                },
            }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": listing.title,
            "description": listing.description,
            "image": images,
            "url": url,
        }
        if listing.price is not None:
            data["offers"] = {
                "@type": "Offer",
                "price": str(listing.price),
                "priceCurrency": "CNY",
                "availability": "https://schema.org/InStock",
                "url": url,
            }
    return jsonld_script({k: v for k, v in data.items() if v not in (None, [], "")})
