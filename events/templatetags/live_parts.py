"""The live page's questions and polls, written in Python.

{% load live_parts %}
{% question_items questions %}  the live page's questions
{% poll_cards polls %}       the live page's polls
"""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from common.fasthtml import format_html, format_html_join
from common.urls import cached_reverse
from events.models import Poll
from events.templatetags.written import counted, localized, page_of, unescaped
from members.templatetags.people import author_name

register = template.Library()

# What a poll's get_status_display() says, without its search through the field's choices.
POLL_STATUSES = dict(Poll.Status.choices)


@register.simple_tag(takes_context=True)
def question_items(context, questions):
    """The live page's questions, as events/live/_question_items.html printed them (markup
    and whitespace, its last line break included): some 400 Python calls a question in the
    template, a fifth here. Reads the page's `event`, `is_past`, `is_staff` and `user`."""
    page = page_of(context, "is_past", "is_staff", "user")
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
        counted(
            ngettext("%(counter)s upvote", "%(counter)s upvotes", question.votes), question.votes
        ),
        author_name(context, question.author),
        "" if page.is_past else _question_actions(page, question),
    )


def _question_actions(page, question):
    mine = ""
    if question.status == "open":
        if question.upvoted:
            mine = format_html(
                '\n        <span class="flag flag-ok">{}</span>\n      ',
                unescaped(gettext("You upvoted it")),
            )
        elif question.author_id != page.user.pk:
            mine = _question_form(
                page, question, "live_upvote", "upvote", unescaped(gettext("Upvote"))
            )
        mine = format_html("\n      {}\n    ", mine)
    staff = ""
    if page.is_staff:
        staff = format_html(
            "\n      {}\n      {}\n    ",
            _question_form(
                page, question, "live_answer", "answer", unescaped(gettext("Mark answered"))
            )
            if question.status != "answered"
            else "",
            _question_form(page, question, "live_hide", "hide", unescaped(gettext("Hide")))
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
    page = page_of(context, "is_past", "is_staff")
    if not polls:
        if page.is_past:
            empty = unescaped(gettext("No poll was held."))
        elif page.is_staff:
            empty = unescaped(gettext("No poll yet: prepare one below."))
        else:
            empty = unescaped(gettext("No poll is open right now."))
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
        unescaped(gettext("Vote")),
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
        unescaped(gettext("Results")),
        format_html_join("", "{}", ((_result_row(poll, row),) for row in rows)),
        unescaped(gettext("In all:")),
        counted(
            ngettext("%(counter)s vote", "%(counter)s votes", poll.results.total),
            poll.results.total,
        ),
    )


def _result_row(poll, row):
    pk, percent = row.choice.pk, localized(row.percent)
    return format_html(
        '\n    <li data-choice="{}">'
        '\n      <span class="live-result-label" id="choice-{}-label">{}{}</span>'
        '\n      <span class="live-result-count" data-result-text>{} · {}</span>'
        '\n      <progress max="100" value="{}" aria-labelledby="choice-{}-label"'
        " data-result-bar>{}%</progress>\n    </li>\n    ",
        pk,
        pk,
        row.choice.label,
        format_html(' <span class="flag">{}</span>', unescaped(gettext("your vote")))
        if pk == poll.my_choice
        else "",
        counted(ngettext("%(counter)s vote", "%(counter)s votes", row.votes), row.votes),
        SafeString(gettext("%(percent)s%%") % {"percent": percent}),
        percent,
        pk,
        percent,
    )


def _poll_actions(page, poll):
    if poll.status == Poll.Status.DRAFT:
        view, css, button_id, label = (
            "live_poll_open",
            "button",
            "open",
            unescaped(gettext("Open the poll")),
        )
    elif poll.status == Poll.Status.OPEN:
        view, css, button_id = "live_poll_close", "button button-secondary", "close"
        label = unescaped(gettext("Close the poll"))
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
