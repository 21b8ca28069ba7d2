"""schema.org Event for an event page, dates in Shanghai time with their offset."""

from datetime import timedelta

from core.jsonld import jsonld_script

from .dates import local

REPEAT_FREQUENCY = {"weekly": "P1W", "monthly": "P1M"}
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _place(page, venue):
    if venue is not None:
        place = {
            "@type": "Place",
            "name": venue.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address_en,
                "addressLocality": "Shanghai",
                "addressRegion": venue.district.name_en,
                "addressCountry": "CN",
            },
        }
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": str(venue.latitude),
                "longitude": str(venue.longitude),
            }
        return place
    return {
        "@type": "Place",
        "name": page.location or "Shanghai",
        "address": {"@type": "PostalAddress", "addressLocality": "Shanghai", "addressCountry": "CN"},
    }


def _iso(moment, all_day):
    moment = local(moment)
    return moment.date().isoformat() if all_day else moment.isoformat()


def event_jsonld(request, page, venue, occurrence, image_url=None):
    start, end = occurrence
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.introduction or None,
        "url": page.get_full_url(request),
        "startDate": _iso(start, page.all_day),
        "endDate": _iso(end - timedelta(days=1), True) if page.all_day else _iso(end, False),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(page, venue),
        "image": image_url,
        "inLanguage": page.locale.language_code,
    }
    if page.is_free or page.price is not None:
        data["isAccessibleForFree"] = page.is_free
        data["offers"] = {
            "@type": "Offer",
            "price": "0" if page.is_free else str(page.price),
            "priceCurrency": "CNY",
            "url": page.tickets_url or page.get_full_url(request),
            "availability": "https://schema.org/InStock",
        }
    if page.repeat in REPEAT_FREQUENCY:
        data["eventSchedule"] = {
            "@type": "Schedule",
            "repeatFrequency": REPEAT_FREQUENCY[page.repeat],
            "byDay": f"https://schema.org/{DAY_NAMES[local(start).weekday()]}",
            "startTime": local(start).strftime("%H:%M:%S") if not page.all_day else None,
            "scheduleTimezone": "Asia/Shanghai",
            "endDate": page.repeat_until.isoformat() if page.repeat_until else None,
        }
        data["eventSchedule"] = {k: v for k, v in data["eventSchedule"].items() if v is not None}
    return jsonld_script({k: v for k, v in data.items() if v not in (None, [], "")})
