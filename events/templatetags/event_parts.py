"""Parts of the events pages that repeat in lists, rendered without a template include.

    {% load event_parts %}
    {% event_when event %}       when the event takes place, in the reader's time zone
    {% slot_options slots %}     the <option>s of a meeting slot picker
    {% event_card event past %}  an event's card in a list
    {% event_cards events past %}  a list of them
    {% filter_fields form %}     the events list's filters
    {% attendee_items attendees %}  the <li>s of an event's attendees
    {% table_cards tables %}     the workshop tables page's cards
    {% question_items questions %}  the live page's questions
    {% poll_cards polls %}       the live page's polls

An `{% include %}` per list item costs a context push and a template render; these are
plain functions. What they print depends only on their arguments, the reader's language
and time zone: `event_when` keeps what it printed for those, so a page shown again formats
no date.
"""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.defaultfilters import date, linebreaksbr, truncatechars
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext

from common.fasthtml import format_html, format_html_join
from common.templatetags.moments import moment
from common.urls import cached_reverse
from events.models import Event, Poll
from members.templatetags.people import author_name, person

register = template.Library()

# What get_format_display() and a poll's get_status_display() say, without their search
# through the field's choices (made hashable on every call: some 110 Python calls a card).
FORMATS = dict(Event.Format.choices)
POLL_STATUSES = dict(Poll.Status.choices)


@register.simple_tag(takes_context=True)
def event_when(context, event):
    """Start–end (the end's time alone when it is the same day), then the reader's time
    zone: `<time>` elements, as `{% moment %}` prints them."""
    return _when(
        event.starts_at,
        event.ends_at,
        context.use_tz,
        get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=4096)
def _when(starts_at, ends_at, use_tz, _language, zone):
    """The language and zone are part of the key: they are active while this runs."""
    reader = SimpleNamespace(use_tz=use_tz)
    same_day = (
        template_localtime(starts_at, use_tz).date() == template_localtime(ends_at, use_tz).date()
    )
    end = (
        moment(reader, ends_at, "", "TIME_FORMAT")
        if same_day
        else moment(reader, ends_at, "DATETIME_FORMAT")
    )
    return format_html(
        '{}–{} <span class="muted">({})</span>',
        moment(reader, starts_at, "DATETIME_FORMAT"),
        end,
        zone,
    )


@register.simple_tag(takes_context=True)
def slot_options(context, slots):
    """`<option value="(ISO time)">(day and time)</option>` per slot; people shown on a
    page mostly share the same free slots, so each list is formatted once per page."""
    cache = context.render_context.setdefault("event_parts.slot_options", {})
    key = tuple(slots)
    if key not in cache:
        local = [template_localtime(slot, context.use_tz) for slot in slots]
        options = ((date(t, "c"), date(t, "D j M, H:i")) for t in local)
        cache[key] = format_html_join("", '<option value="{}">{}</option>', options)
    return cache[key]


# The list's filters printed with no filter chosen, per (bound, language, interests
# offered): the same for every reader. Per process, so that a new release prints anew.
_UNFILTERED = {}
_UNFILTERED_SIZE = 32


@register.simple_tag
def filter_fields(form):
    """The events list's filters (EventFilterForm), each field as components/form_field.html
    prints it. With no filter chosen, they print the same for every reader of a language
    while the interests offered are the same: kept for those. Printed, the four fields cost
    some 5,000 Python calls."""
    if form.is_bound and (form.errors or any(form.data.get(name) for name in form.fields)):
        return _fields_html(form)
    key = (form.is_bound, get_language(), tuple(form.fields["interest"].offered))
    html = _UNFILTERED.get(key)
    if html is None:
        if len(_UNFILTERED) >= _UNFILTERED_SIZE:
            _UNFILTERED.clear()
        html = _UNFILTERED[key] = _fields_html(form)
    return html


def _fields_html(form):
    field_html = get_template("components/form_field.html")
    return format_html_join("", "{}", ((field_html.render({"field": field}),) for field in form))


@register.simple_tag(takes_context=True)
def attendee_items(context, registrations):
    """`<li>{% person registration.user.profile "tag" %}</li>` for each attendee, by the
    same tag: a loop in the template cost some 40 Python calls more a person."""
    return format_html_join(
        "",
        "<li>{}</li>",
        ((person(context, registration.user.profile, "tag"),) for registration in registrations),
    )


@register.simple_tag(takes_context=True)
def table_cards(context, tables):
    """The workshop tables page's cards, as its loop over the tables printed them (markup
    and whitespace): some 2,000 Python calls a table in the template, a tenth here. Reads
    the page's `event`, `can_choose`, `seated` and `past`."""
    page = _page(context, "can_choose", "seated", "past")
    return format_html_join("", "{}", ((_table_card(context, page, table),) for table in tables))


def _table_card(context, page, table):
    event = page.event
    if table.readable:
        url = cached_reverse("events:table", event.slug, table.pk)
        heading = format_html('<a href="{}">{}</a>', url, table.theme)
        notes = format_html(
            '<p><a href="{}">{}<span class="visually-hidden"> · {}</span></a></p>',
            url,
            _t("Read the notes") if page.past else _t("Shared notes"),
            table.theme,
        )
    else:
        heading, notes = format_html("{}", table.theme), ""
    if table.facilitator:
        facilitator = person(context, table.facilitator.profile)
    else:
        facilitator = format_html('<span class="muted">{}</span>', _t("To be announced"))
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
        format_html('<p class="flag flag-ok">{}</p>', _t("Your table")) if table.is_mine else "",
        format_html('<p class="flag flag-ok">{}</p>', _t("You facilitate this table"))
        if table.facilitated_by_me
        else "",
        format_html('<p lang="{}">{}</p>', event.language, linebreaksbr(table.description))
        if table.description
        else "",
        _t("Facilitator"),
        facilitator,
        _t("Seats"),
        _counted("%(counter)s seat left", "%(counter)s seats left", table.seats_left),
        SafeString(gettext("of %(capacity)s") % {"capacity": localize(table.capacity)}),
        _seated_people(table),
        _table_choice(page, table) if page.can_choose else "",
        notes,
    )


def _seated_people(table):
    if not (table.shown or table.unnamed):
        return format_html('\n      <p class="muted">{}</p>\n    ', _t("Nobody sits here yet."))
    names = (
        format_html(
            '<ul class="tags">{}</ul>',
            format_html_join(
                "",
                '<li><span class="tag">{}</span></li>',
                ((seat.user.profile.name,) for seat in table.shown),
            ),
        )
        if table.shown
        else ""
    )
    unnamed = (
        format_html(
            '<p class="muted">{}</p>',
            _counted(
                "and %(counter)s attendee who does not show their name",
                "and %(counter)s attendees who do not show their name",
                table.unnamed,
            ),
        )
        if table.unnamed
        else ""
    )
    return format_html(
        '\n      <h3 class="visually-hidden">{}</h3>\n      {}\n      {}\n    ',
        _t("At this table"),
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
            _t("Leave this table"),
            table.theme,
        )
    elif table.seats_left:
        form = format_html(
            '\n        <form method="post" action="{}">{}'
            '\n          <button type="submit" class="button">{}'
            '<span class="visually-hidden"> {}</span></button>\n        </form>\n      ',
            cached_reverse("events:table_choose", event.slug, table.pk),
            page.csrf,
            _t("Move to this table") if page.seated else _t("Choose this table"),
            table.theme,
        )
    else:
        form = format_html('\n        <p class="flag">{}</p>\n      ', _t("Full"))
    return format_html("\n      {}\n    ", form)


@register.simple_tag(takes_context=True)
def question_items(context, questions):
    """The live page's questions, as events/live/_question_items.html printed them (markup
    and whitespace, its last line break included): some 400 Python calls a question in the
    template, a fifth here. Reads the page's `event`, `is_past`, `is_staff` and `user`."""
    page = _page(context, "is_past", "is_staff", "user")
    items = format_html_join(
        "", "{}", ((_question_item(context, page, question),) for question in questions)
    )
    return format_html("{}\n", items)


def _question_item(context, page, question):
    return format_html(
        '<li class="live-question" data-question="{}">'
        '\n  <p class="live-question-body">{}</p>'
        '\n  <p class="live-question-meta muted">'
        "\n    <span data-question-votes>{}</span>"
        "\n    · {}\n  </p>\n  {}\n</li>\n",
        question.pk,
        question.body,
        _counted("%(counter)s upvote", "%(counter)s upvotes", question.votes),
        author_name(context, question.author),
        "" if page.is_past else _question_actions(page, question),
    )


def _question_actions(page, question):
    mine = ""
    if question.status == "open":
        if question.upvoted:
            mine = format_html(
                '\n        <span class="flag flag-ok">{}</span>\n      ', _t("You upvoted it")
            )
        elif question.author_id != page.user.pk:
            mine = _question_form(page, question, "live_upvote", "upvote", _t("Upvote"))
        mine = format_html("\n      {}\n    ", mine)
    staff = ""
    if page.is_staff:
        staff = format_html(
            "\n      {}\n      {}\n    ",
            _question_form(page, question, "live_answer", "answer", _t("Mark answered"))
            if question.status != "answered"
            else "",
            _question_form(page, question, "live_hide", "hide", _t("Hide"))
            if question.status != "hidden"
            else "",
        )
    return format_html('\n  <div class="actions">\n    {}\n    {}\n  </div>\n  ', mine, staff)


def _question_form(page, question, view, button_id, label):
    url = cached_reverse(f"events:{view}", page.event.slug, question.pk)
    return format_html(
        '\n      <form method="post" action="{}" hx-post="{}" hx-target="#live-questions">{}'
        '\n        <button type="submit" class="button button-small button-secondary" id="{}-{}">'
        '{}<span class="visually-hidden">: {}</span></button>\n      </form>\n      ',
        url,
        url,
        page.csrf,
        button_id,
        question.pk,
        label,
        truncatechars(question.body, 60),
    )


@register.simple_tag(takes_context=True)
def poll_cards(context, polls):
    """The live page's polls, as the loop of events/live/_polls.html printed them (markup
    and whitespace, and what it says when there is none): some 1,500 Python calls a poll
    in the template. Reads the page's `event`, `is_past` and `is_staff`."""
    page = _page(context, "is_past", "is_staff")
    if not polls:
        if page.is_past:
            empty = _t("No poll was held.")
        elif page.is_staff:
            empty = _t("No poll yet: prepare one below.")
        else:
            empty = _t("No poll is open right now.")
        return format_html('\n<p class="muted">{}</p>\n', empty)
    return format_html_join("", "{}", ((_poll_card(page, poll),) for poll in polls))


def _poll_card(page, poll):
    open_ = poll.status == Poll.Status.OPEN
    return format_html(
        '\n<article class="card live-poll" data-poll="{}" data-poll-status="{}"'
        ' aria-labelledby="poll-{}-question">'
        '\n  <h3 id="poll-{}-question" data-poll-question>{}</h3>'
        '\n  <p class="flag{}">{}</p>\n  {}\n  {}\n  {}\n</article>\n',
        poll.pk,
        poll.status,
        poll.pk,
        poll.pk,
        poll.question,
        " flag-ok" if open_ else "",
        POLL_STATUSES.get(poll.status, poll.status),
        _vote_form(page, poll) if open_ and not poll.my_choice and not page.is_past else "",
        _poll_results(poll),
        _poll_actions(page, poll) if page.is_staff and not page.is_past else "",
    )


def _vote_form(page, poll):
    url = cached_reverse("events:live_vote", page.event.slug, poll.pk)
    return format_html(
        '\n  <form method="post" action="{}" hx-post="{}" hx-target="#live-polls"'
        ' class="live-vote">{}\n    <fieldset>'
        '\n      <legend class="visually-hidden">{}</legend>\n      {}\n    </fieldset>'
        '\n    <button type="submit" class="button" id="vote-{}">{}</button>\n  </form>\n  ',
        url,
        url,
        page.csrf,
        poll.question,
        format_html_join(
            "",
            '\n      <label class="live-choice"><input type="radio" name="choice" value="{}"'
            " required> {}</label>\n      ",
            ((row.choice.pk, row.choice.label) for row in poll.results.choices),
        ),
        poll.pk,
        _t("Vote"),
    )


def _poll_results(poll):
    rows = poll.results.choices
    if poll.status == Poll.Status.DRAFT:
        return format_html(
            '\n  <ul class="live-draft-choices">{}</ul>\n  ',
            format_html_join("", "<li>{}</li>", ((row.choice.label,) for row in rows)),
        )
    return format_html(
        '\n  <ul class="live-results" aria-label="{}">\n    {}\n  </ul>'
        '\n  <p class="muted">{} <span data-result-total>{}</span></p>\n  ',
        _t("Results"),
        format_html_join("", "{}", ((_result_row(poll, row),) for row in rows)),
        _t("In all:"),
        _counted("%(counter)s vote", "%(counter)s votes", poll.results.total),
    )


def _result_row(poll, row):
    pk, percent = row.choice.pk, localize(row.percent)
    return format_html(
        '\n    <li data-choice="{}">'
        '\n      <span class="live-result-label" id="choice-{}-label">{}{}</span>'
        '\n      <span class="live-result-count" data-result-text>{} · {}</span>'
        '\n      <progress max="100" value="{}" aria-labelledby="choice-{}-label"'
        " data-result-bar>{}%</progress>\n    </li>\n    ",
        pk,
        pk,
        row.choice.label,
        format_html(' <span class="flag">{}</span>', _t("your vote"))
        if pk == poll.my_choice
        else "",
        _counted("%(counter)s vote", "%(counter)s votes", row.votes),
        SafeString(gettext("%(percent)s%%") % {"percent": percent}),
        percent,
        pk,
        percent,
    )


def _poll_actions(page, poll):
    if poll.status == Poll.Status.DRAFT:
        view, css, button_id, label = "live_poll_open", "button", "open", _t("Open the poll")
    elif poll.status == Poll.Status.OPEN:
        view, css, button_id = "live_poll_close", "button button-secondary", "close"
        label = _t("Close the poll")
    else:
        return format_html('\n  <div class="actions">\n    {}\n  </div>\n  ', "")
    url = cached_reverse(f"events:{view}", page.event.slug, poll.pk)
    form = format_html(
        '\n    <form method="post" action="{}" hx-post="{}" hx-target="#live-polls">{}'
        '\n      <button type="submit" class="{}" id="{}-{}">{}'
        '<span class="visually-hidden">: {}</span></button>\n    </form>\n    ',
        url,
        url,
        page.csrf,
        css,
        button_id,
        poll.pk,
        label,
        poll.question,
    )
    return format_html('\n  <div class="actions">\n    {}\n  </div>\n  ', form)


def _page(context, *names):
    """What a page's cards read of its context: its event, the CSRF field of their forms,
    and the values `names`."""
    return SimpleNamespace(
        event=context["event"],
        csrf=CsrfTokenNode().render(context),
        **{name: context.get(name) for name in names},
    )


def _t(message):
    """{% translate "…" %}: the translation is printed as it is, unescaped."""
    return SafeString(gettext(message))


def _counted(singular, plural, count):
    """{% blocktranslate count counter=… %}: the translation, the number localized."""
    return SafeString(ngettext(singular, plural, count) % {"counter": localize(count)})


@register.simple_tag(takes_context=True)
def event_cards(context, events, past=False):
    """A list's cards, as events/_event_cards.html printed them (its last line break
    included), without an include and a loop of tags."""
    return format_html(
        '<ul class="cards">{}</ul>\n',
        format_html_join("", "{}", ((event_card(context, event, past),) for event in events)),
    )


@register.simple_tag(takes_context=True)
def event_card(context, event, past=False):
    """An event's card in a list (the events page): seats or attendance, what a past event
    left, the reader's registration, five interests (events.queries.with_facts)."""
    facts = [str(FORMATS.get(event.format, event.format))]
    if event.venue:
        facts.append(event.venue)
    if past:
        attended = getattr(event, "attended", 0)
        if attended:
            facts.append(
                ngettext("%(counter)s attended", "%(counter)s attended", attended)
                % {"counter": attended}
            )
    else:
        if event.capacity:
            facts.append(
                ngettext(
                    "%(taken)s of %(counter)s seat taken",
                    "%(taken)s of %(counter)s seats taken",
                    event.capacity,
                )
                % {"taken": event.seats_taken, "counter": event.capacity}
            )
        if event.waitlist_count:
            facts.append(
                ngettext("%(counter)s waiting", "%(counter)s waiting", event.waitlist_count)
                % {"counter": event.waitlist_count}
            )
    return _card(context, event, facts, _record(event) if past else "", _flag(event, past))


def _record(event):
    """What a past event left, as its card lists it."""
    left = []
    tables = getattr(event, "table_count", 0)
    if tables:
        left.append(
            ngettext(
                "%(counter)s workshop table with notes",
                "%(counter)s workshop tables with notes",
                tables,
            )
            % {"counter": tables}
        )
    answered = getattr(event, "answered_count", 0)
    if answered:
        left.append(
            ngettext("%(counter)s question answered", "%(counter)s questions answered", answered)
            % {"counter": answered}
        )
    polls = getattr(event, "poll_count", 0)
    if polls:
        left.append(ngettext("%(counter)s poll", "%(counter)s polls", polls) % {"counter": polls})
    if not left:
        return ""
    return format_html(
        '<ul class="inline-list event-record" aria-label="{}">{}</ul>',
        gettext("What the event left"),
        format_html_join("", "<li>{}</li>", ((item,) for item in left)),
    )


def _flag(event, past):
    status = getattr(event, "my_status", None)
    if status == "confirmed":
        return format_html(
            '<p class="flag flag-ok">{}</p>',
            gettext("You were registered") if past else gettext("You are registered"),
        )
    if status == "waitlisted" and not past:
        return format_html('<p class="flag">{}</p>', gettext("You are on the waiting list"))
    return ""


def _card(context, event, facts, record, flag):
    cover = (
        format_html(
            '<img class="space-cover" src="{}" width="600" height="200" alt="">', event.cover.url
        )
        if event.cover
        else ""
    )
    tags = format_html_join(
        "", '<span class="tag">{}</span> ', ((name,) for name in event.interest_names)
    )
    return format_html(
        '<li class="card event-card">{}<h3><a href="{}" lang="{}">{}</a></h3><p>{}</p>'
        '<p class="muted">{}</p>{}{}<p>{}</p></li>',
        cover,
        event.get_absolute_url(),
        event.language,
        event.title,
        event_when(context, event),
        " · ".join(facts),
        record,
        flag,
        tags,
    )
