"""Publish a static public website: a folder of HTML, CSS and JavaScript that opens anywhere.

The front door for the command line and the window. The site is written from
what the services return, with confidential actions (their sources and links)
left out before any page is drawn; it needs no network and no program of ours:
it opens from ``file://`` (a USB stick, a laptop) and any web host serves it as
it is. Below ``ui``: no Qt here.
"""

from crc_reporter.publish.model import PublicationPreview, PublishOptions, PublishResult, SiteData
from crc_reporter.publish.site_data import gather_site_data, preview_of, preview_publication
from crc_reporter.publish.writer import MARKER, check_languages, publish_site, write_site

__all__ = [
    "MARKER",
    "PublicationPreview",
    "PublishOptions",
    "PublishResult",
    "SiteData",
    "check_languages",
    "gather_site_data",
    "preview_of",
    "preview_publication",
    "publish_site",
    "write_site",
]
