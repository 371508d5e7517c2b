"""Sections other apps add to a member's profile page, without members knowing them.

An app registers a function `section(viewer, profile)` (in its AppConfig.ready) that
returns rendered HTML, or "" when it has nothing to show to that viewer. The function
decides who sees what; it must run a constant number of queries.
"""

_sections = []


def register(section):
    """Add a section to every profile page; registering twice is registering once."""
    if section not in _sections:
        _sections.append(section)
    return section


def sections_for(viewer, profile):
    """The rendered sections for this viewer, in the order they were registered."""
    return [html for html in (section(viewer, profile) for section in _sections) if html]
