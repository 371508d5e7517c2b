"""Members write Markdown; pages show sanitized HTML.

markdown-it escapes raw HTML in the source (html=False), then nh3 keeps only an
allow-list of tags, attributes and URL schemes, and marks links as user content.
Headings move down two levels so a post never competes with the page's h1/h2.
"""

import html
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

MAX_SOURCE_LENGTH = 20000

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
SAFE_IMAGE_PREFIXES = ("/media/", "https://")

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable(["table", "strikethrough"])


def _shift_headings(tokens):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + 2, 6)
            token.tag = f"h{level}"


def _drop_unsafe_images(tokens):
    """Images from elsewhere than our media or an https site become their alt text."""
    for token in tokens:
        for child in token.children or []:
            if child.type == "image" and not str(child.attrGet("src") or "").startswith(
                SAFE_IMAGE_PREFIXES
            ):
                child.type, child.tag, child.content = "text", "", child.content
                child.children = None


# Both are pure functions of their text, and pages show the same posts again and again
# (an event's description, the home feed's excerpts): the results are kept per process.
@lru_cache(maxsize=256)
def render_markdown(source):
    """Return safe HTML for a post. Never raises on odd input."""
    tokens = _parser.parse(source or "")
    _shift_headings(tokens)
    _drop_unsafe_images(tokens)
    rendered = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
    return cleaned


@lru_cache(maxsize=2048)
def plain_excerpt(source, length=200):
    """A short text of a post, without markup, cut at a word."""
    text = html.unescape(nh3.clean(render_markdown(source), tags=set()))
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
