"""What the events' template tags that write markup in Python share: the translations and
counts as the template tags print them, and what a page's cards read of its context."""

from types import SimpleNamespace

from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext


def page_of(context, *names):
    """What a page's cards read of its context: its event, the CSRF field of their forms,
    and the values `names`."""
    return SimpleNamespace(
        event=context["event"],
        csrf=CsrfTokenNode().render(context),
        **{name: context.get(name) for name in names},
    )


def translated(message):
    """{% translate "…" %}: the translation is printed as it is, unescaped."""
    return SafeString(gettext(message))


def counted(singular, plural, count):
    """{% blocktranslate count counter=… %}: the translation, the number localized."""
    return SafeString(ngettext(singular, plural, count) % {"counter": localize(count)})
