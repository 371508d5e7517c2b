"""What the events' template tags that write markup in Python share: the translations and
counts as the template tags print them, and what a page's cards read of its context."""

from types import SimpleNamespace

from django.conf import settings
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.safestring import SafeString


def page_of(context, *names):
    """What a page's cards read of its context: its event, the CSRF field of their forms,
    and the values `names`."""
    return SimpleNamespace(
        event=context["event"],
        csrf=CsrfTokenNode().render(context),
        **{name: context.get(name) for name in names},
    )


def unescaped(translation):
    """What {% translate "…" %} prints: the translation as it is, unescaped. Callers call
    gettext where the text is, for makemessages to find it."""
    return SafeString(translation)


def counted(translation, count):
    """What {% blocktranslate count counter=… %} prints: the translation (an ngettext of
    `count`, called where the text is) with the number localized."""
    return SafeString(translation % {"counter": localized(count)})


def localized(value):
    """What localize(value) gives: for a whole number where no thousand separator is used,
    its digits, written here at once (Django's numberformat returns them after some 15
    Python calls a number, and cards print several)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return localize(value)
