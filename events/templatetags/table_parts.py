"""The workshop tables page's cards, written in Python.

{% load table_parts %}
{% table_cards tables %}     the workshop tables page's cards
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from common.fasthtml import format_html, format_html_join
from common.urls import cached_reverse
from events.templatetags.written import counted, localized, page_of, unescaped
from members.templatetags.people import person

register = template.Library()


@register.simple_tag(takes_context=True)
def table_cards(context, tables):
    """The workshop tables page's cards, as its loop over the tables printed them (markup
    and whitespace): some 2,000 Python calls a table in the template, a tenth here. Reads
    the page's `event`, `can_choose`, `seated` and `past`."""
    page = page_of(context, "can_choose", "seated", "past")
    return format_html_join("", "{}", ((_table_card(context, page, table),) for table in tables))


def _table_card(context, page, table):
    event = page.event
    if table.readable:
        url = cached_reverse("events:table", event.slug, table.pk)
        heading = format_html('<a href="{}">{}</a>', url, table.theme)
        notes = format_html(
            '<p><a href="{}">{}<span class="visually-hidden"> · {}</span></a></p>',
            url,
            unescaped(gettext("Read the notes"))
            if page.past
            else unescaped(gettext("Shared notes")),
            table.theme,
        )
    else:
        heading, notes = format_html("{}", table.theme), ""
    if table.facilitator:
        facilitator = person(context, table.facilitator.profile)
    else:
        facilitator = format_html(
            '<span class="muted">{}</span>', unescaped(gettext("To be announced"))
        )
    return format_html(
        '\n  <li class="card workshop-table{}" aria-labelledby="table-{}">'
        '\n    <h2 id="table-{}" lang="{}">{}</h2>'
        "\n    {}\n    {}\n    {}"
        '\n    <dl class="event-facts">'
        "\n      <dt>{}</dt>\n      <dd>{}</dd>\n      <dt>{}</dt>\n      <dd>{} ({})</dd>"
        "\n    </dl>\n    {}\n    {}\n    {}\n  </li>\n  ",
        " workshop-table-mine" if table.is_mine else "",
        table.pk,
        table.pk,
        event.language,
        heading,
        format_html('<p class="flag flag-ok">{}</p>', unescaped(gettext("Your table")))
        if table.is_mine
        else "",
        format_html(
            '<p class="flag flag-ok">{}</p>', unescaped(gettext("You facilitate this table"))
        )
        if table.facilitated_by_me
        else "",
        format_html('<p lang="{}">{}</p>', event.language, linebreaksbr(table.description))
        if table.description
        else "",
        unescaped(gettext("Facilitator")),
        facilitator,
        unescaped(gettext("Seats")),
        counted(
            ngettext("%(counter)s seat left", "%(counter)s seats left", table.seats_left),
            table.seats_left,
        ),
        SafeString(gettext("of %(capacity)s") % {"capacity": localized(table.capacity)}),
        _seated_people(table),
        _table_choice(page, table) if page.can_choose else "",
        notes,
    )


def _seated_people(table):
    if not (table.shown or table.unnamed):
        return format_html(
            '\n      <p class="muted">{}</p>\n    ', unescaped(gettext("Nobody sits here yet."))
        )
    names = (
        format_html(
            '<ul class="tags">{}</ul>',
            format_html_join(
                "",
                '<li><span class="tag">{}</span></li>',
                ((seat.name,) for seat in table.shown),
            ),
        )
        if table.shown
        else ""
    )
    unnamed = (
        format_html(
            '<p class="muted">{}</p>',
            counted(
                ngettext(
                    "and %(counter)s attendee who does not show their name",
                    "and %(counter)s attendees who do not show their name",
                    table.unnamed,
                ),
                table.unnamed,
            ),
        )
        if table.unnamed
        else ""
    )
    return format_html(
        '\n      <h3 class="visually-hidden">{}</h3>\n      {}\n      {}\n    ',
        unescaped(gettext("At this table")),
        names,
        unnamed,
    )


def _table_choice(page, table):
    event = page.event
    if table.is_mine:
        form = format_html(
            '\n        <form method="post" action="{}">{}'
            '\n          <button type="submit" class="button button-secondary">{}'
            '<span class="visually-hidden"> {}</span></button>\n        </form>\n      ',
            cached_reverse("events:table_leave", event.slug),
            page.csrf,
            unescaped(gettext("Leave this table")),
            table.theme,
        )
    elif table.seats_left:
        form = format_html(
            '\n        <form method="post" action="{}">{}'
            '\n          <button type="submit" class="button">{}'
            '<span class="visually-hidden"> {}</span></button>\n        </form>\n      ',
            cached_reverse("events:table_choose", event.slug, table.pk),
            page.csrf,
            unescaped(gettext("Move to this table"))
            if page.seated
            else unescaped(gettext("Choose this table")),
            table.theme,
        )
    else:
        form = format_html('\n        <p class="flag">{}</p>\n      ', unescaped(gettext("Full")))
    return format_html("\n      {}\n    ", form)
