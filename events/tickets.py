"""Tickets: the QR code a member shows at the door.

The code holds the address of the check-in page for that ticket: staff scan it with
their phone's camera, which opens the page, and confirm. Anyone else who scans it
lands on a page that refuses them.
"""

import segno


def qr_svg(url):
    """The QR code of `url` as inline SVG markup (no external file, no script)."""
    code = segno.make(url, error="m")
    return code.svg_inline(scale=6, border=2, dark="#111", light="#fff", omitsize=True)
