"""{% thread_rows threads %}: the rows of a space's list of threads, written here rather
than in the loop's template: twenty rows, each with its flags, author, count of replies
(a {% blocktranslate count %}) and how long ago, were most of the space page's rendering.
{% knowledge_rows threads %}: the rows of a space's answered questions, likewise."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from common.fasthtml import escape
from common.templatetags.moments import moment
from members.templatetags.people import author_name

register = template.Library()


@register.simple_tag(takes_context=True)
def thread_rows(context, threads):
    # Texts translated before the f-strings: makemessages does not look inside them.
    texts = [gettext("New"), gettext("Pinned"), gettext("Locked"), gettext("Answered")]
    texts = [escape(text) for text in [*texts, gettext("Question")]]
    new = f'<span class="badge">{texts[0]}</span>'
    pinned = f'<span class="flag">{texts[1]}</span>'
    locked = f'<span class="flag">{texts[2]}</span>'
    answered = f'<span class="flag flag-ok">{texts[3]}</span>'
    question = f'<span class="flag ">{texts[4]}</span>'
    rows = []
    for thread in threads:
        name = author_name(context, thread.author)
        replies = ngettext("%(counter)s reply", "%(counter)s replies", thread.reply_count) % {
            "counter": thread.reply_count
        }
        flags = "".join(
            (
                new if thread.is_unread else "",
                pinned if thread.is_pinned else "",
                locked if thread.is_locked else "",
                (answered if thread.is_answered else question) if thread.is_question else "",
            )
        )
        rows.append(
            f'<li class="thread-row{" unread" if thread.is_unread else ""}"><div>'
            f'<a href="{escape(thread.get_absolute_url())}" class="thread-title">'
            f"{escape(thread.title)}</a>{flags}"
            f'<p class="muted">{escape(name)} · {escape(replies)} · '
            f"{moment(context, thread.last_activity_at, 'timesince')}</p></div></li>"
        )
    return SafeString("\n".join(rows))


@register.simple_tag(takes_context=True)
def knowledge_rows(context, threads):
    """The rows of a space's answered questions: each question, who answered it and when."""
    answered_by = gettext("Answered by %(name)s")
    rows = []
    for thread in threads:
        name = escape(author_name(context, thread.accepted_reply.author))
        rows.append(
            f'<li class="thread-row"><div>'
            f'<a href="{escape(thread.get_absolute_url())}" class="thread-title">'
            f"{escape(thread.title)}</a>"
            f'<p class="muted">{answered_by % {"name": name}} · '
            f"{moment(context, thread.answered_at, 'DATE_FORMAT')}</p></div></li>"
        )
    return SafeString("\n".join(rows))
