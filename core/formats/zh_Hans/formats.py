"""Date formats for Simplified Chinese, in the order Chinese readers write them.

Django's own zh_Hans module pads the month in MONTH_DAY_FORMAT ("03月7日"); only the
formats set here replace Django's, the rest (input formats, separators) stay its own.
"""

DATE_FORMAT = "Y年n月j日"  # 2026年12月2日
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年12月2日 14:30
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年12月
MONTH_DAY_FORMAT = "n月j日"  # 12月2日
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
