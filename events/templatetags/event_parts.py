"""Parts of the events pages that repeat in lists, rendered without a template include.

    {% load event_parts %}
    {% event_when event %}       when the event takes place, in the reader's time zone
    {% slot_options slots %}     the <option>s of a meeting slot picker
    {% event_card event past %}  an event's card in a list
    {% event_cards events past %}  a list of them
    {% attendee_items attendees %}  the <li>s of an event's attendees
    {% event_record record %}    what a past event left, as its page says it
    {% table_items tables %}     the <li>s of an event's tables on its page
    {% seats_fact capacity seats_left waitlist_count %}  what an event's page says of its seats
    {% event_facts event zone_differs=... %}  the facts list of an event's page
    {% suggestion_card suggestion slots request_url message_length %}  a person to meet

An `{% include %}` per list item costs a context push and a template render; these are
plain functions (table_parts and live_parts hold those of the tables and live pages).
What they print depends only on their arguments, the reader's language and time zone:
`event_when` keeps what it printed for those, so a page shown again formats no date.
"""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.defaultfilters import date
from django.template.defaultfilters import time as time_filter
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from common.fasthtml import csrf_input, escape, format_html, format_html_join
from common.templatetags.moments import moment
from common.urls import cached_reverse
from events.models import Event
from events.templatetags.written import counted, localized
from members.templatetags.people import person, person_name

register = template.Library()

# What get_format_display() says, without its search through the field's choices (made
# hashable on every call: some 110 Python calls a card).
FORMATS = dict(Event.Format.choices)
COVER_STORAGE = Event._meta.get_field("cover").storage


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


@register.simple_tag(takes_context=True)
def suggestion_card(context, suggestion, slots, request_url, message_length):
    """A person suggested on the people to meet page: why, and the form to ask them for a
    meeting in one of the `slots` free for both (events.views.meetings)."""
    profile = suggestion.profile
    work = ""
    if profile.role or profile.organization:
        between = " · " if profile.role and profile.organization else ""
        work = f'<p class="muted">{escape(profile.role)}{between}{escape(profile.organization)}</p>'
    reasons = "".join(
        f"<li>{gettext(text) % {'names': ', '.join(map(escape, names))}}</li>"
        for text, names in (
            (gettext_noop("You both care about %(names)s"), suggestion.shared_interests),
            (gettext_noop("Can help you with %(names)s"), suggestion.can_help_you),
            (gettext_noop("Looking for %(names)s, which you offer"), suggestion.looking_for),
        )
        if names
    )
    pk = suggestion.user_id
    if slots:
        ask = gettext("Ask %(name)s to meet") % {"name": escape(profile.name)}
        summary, when = escape(gettext("Request a meeting")), escape(gettext("When"))
        optional = escape(gettext("Message (optional)"))
        action = (
            f"<details>\n<summary>{summary}</summary>\n"
            f'<form method="post" action="{escape(request_url)}" class="stacked">'
            f'{csrf_input(context)}\n<input type="hidden" name="invitee" value="{pk}">\n'
            f'<div class="field">\n<label for="slot-{pk}">{when}</label>\n'
            f'<select name="starts_at" id="slot-{pk}" required>\n'
            f"{slot_options(context, slots)}\n</select>\n</div>\n"
            f'<div class="field">\n<label for="message-{pk}">{optional}</label>\n'
            f'<textarea name="message" id="message-{pk}" rows="2"'
            f' maxlength="{message_length}"></textarea>\n</div>\n'
            f'<button type="submit" class="button button-small">{ask}</button>\n'
            "</form>\n</details>"
        )
    else:
        none_free = escape(gettext("No meeting time is free for both of you."))
        action = f'<p class="muted">{none_free}</p>'
    return SafeString(
        f'<li class="card person" data-person="{pk}">\n<h3>{person(context, profile)}</h3>\n'
        f'{work}\n<ul class="reasons">\n{reasons}\n</ul>\n{action}\n</li>'
    )


@register.simple_tag(takes_context=True)
def attendee_items(context, profiles):
    """`<li>{% person profile "tag" %}</li>` for each attendee (events.queries.
    listed_attendees), by the same tag: a loop in the template cost some 40 Python calls
    more a person."""
    return format_html_join(
        "", "<li>{}</li>", ((person(context, profile, "tag"),) for profile in profiles)
    )


@register.simple_tag(takes_context=True)
def table_items(context, tables):
    """`<li>` per table on an event's page: its theme and who facilitates it (named by
    {% person_name %}, in the same translation), as the template's loop printed them: some
    150 Python calls a table there."""
    return format_html_join(
        "", "<li>{}{}</li>", ((table.theme, _facilitated(context, table)) for table in tables)
    )


def _facilitated(context, table):
    if not table.facilitator:
        return ""
    name = escape(person_name(context, table.facilitator.profile))
    # gettext outside the f-string: makemessages does not look inside one.
    facilitated = gettext("facilitated by %(name)s") % {"name": name}
    return SafeString(f' <span class="muted">· {facilitated}</span>')


@register.simple_tag
def seats_fact(capacity, seats_left, waitlist_count):
    """What an event's page says of its seats, as its {% translate %} and three
    {% blocktranslate %} printed it: some 150 Python calls each."""
    if capacity is None:
        said = gettext("No limit")
    else:
        left = counted(
            ngettext("%(counter)s seat left", "%(counter)s seats left", seats_left), seats_left
        )
        of_capacity = gettext("of %(capacity)s") % {"capacity": localized(capacity)}
        said = f"{left} ({of_capacity})"
    if waitlist_count:
        waiting = ngettext(
            "%(counter)s on the waiting list", "%(counter)s on the waiting list", waitlist_count
        )
        said = f"{said} · {counted(waiting, waitlist_count)}"
    return SafeString(said)


@register.simple_tag
def event_record(record):
    """The paragraph of a past event's page that says what it left (events.queries.
    record_of), as its three {% blocktranslate count %} printed it, whitespace included:
    some 150 Python calls each."""
    answered, polls = record["answered_count"], record["poll_count"]
    attended = counted(
        ngettext(
            "%(counter)s person attended.", "%(counter)s people attended.", record["attended"]
        ),
        record["attended"],
    )
    answers = (
        counted(
            ngettext(
                "%(counter)s question answered live.",
                "%(counter)s questions answered live.",
                answered,
            ),
            answered,
        )
        if answered
        else ""
    )
    votes = (
        counted(ngettext("%(counter)s poll.", "%(counter)s polls.", polls), polls) if polls else ""
    )
    return SafeString(f"<p>{attended}\n    {answers}\n    {votes}</p>")


@register.simple_tag(takes_context=True)
def event_cards(context, events, past=False):
    """A list's cards, as events/_event_cards.html printed them (its last line break
    included), without an include and a loop of tags."""
    reader = _reader(context)
    cards = "".join(_card_of(event, past, reader) for event in events)
    return SafeString(f'<ul class="cards">{cards}</ul>\n')


@register.simple_tag(takes_context=True)
def event_card(context, event, past=False):
    """An event's card in a list (the events page): seats or attendance, what a past event
    left, the reader's registration, five interests (events.queries.with_facts)."""
    return _card_of(event, past, _reader(context))


# What a card prints besides the reader's: the event's columns (queries.CARD), its counts
# and the reader's registration (queries.with_facts), what a past event left
# (queries.with_records).
CARD_FACTS = (
    "title", "slug", "language", "format", "venue", "starts_at", "ends_at", "cover", "capacity",
    "seats_taken", "waitlist_count", "my_status", "attended", "table_count", "answered_count",
    "poll_count",
)  # fmt: skip


def _reader(context):
    """What a card depends on besides its event: the reader's language and time zone, and
    what its link depends on (common.urls.cached_reverse)."""
    return (
        get_language(),
        timezone.get_current_timezone_name(),
        context.use_tz,
        get_script_prefix(),
        get_urlconf(),
    )


def _card_of(event, past, reader):
    """The card, kept per process for its facts and its reader as event_when keeps a date:
    a list shown again (the same events, counts and registration) formats none of its
    cards (some 220 Python calls a card). The facts are values, not the event: a kept card
    holds no model."""
    # What the event's row and the list set hold (its attributes: queries.CARD are read,
    # not deferred), None for what this list does not set (a past event's record). Its
    # cover, as its row holds it: the file's name (or its FieldFile, once read, which
    # equals and hashes as its name).
    values = tuple(map(event.__dict__.get, CARD_FACTS))
    return _card_html(values, tuple(event.interest_names), past, reader)


@lru_cache(maxsize=4096)
def _card_html(values, interest_names, past, reader):
    """The reader's language and zone are part of the key: they are active while this
    runs."""
    event = SimpleNamespace(**dict(zip(CARD_FACTS, values, strict=True)))
    cover = str(event.cover or "")
    facts = [str(FORMATS.get(event.format, event.format))]
    if event.venue:
        facts.append(event.venue)
    if past:
        attended = event.attended or 0
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
    cover_image = (
        format_html(
            '<img class="space-cover" src="{}" width="600" height="200" alt="">',
            COVER_STORAGE.url(cover),
        )
        if cover
        else ""
    )
    return _card(
        event,
        cover_image,
        interest_names,
        facts,
        _record(event) if past else "",
        _flag(event, past),
        reader,
    )


def _record(event):
    """What a past event left, as its card lists it."""
    left = []
    tables = event.table_count or 0
    if tables:
        left.append(
            ngettext(
                "%(counter)s workshop table with notes",
                "%(counter)s workshop tables with notes",
                tables,
            )
            % {"counter": tables}
        )
    answered = event.answered_count or 0
    if answered:
        left.append(
            ngettext("%(counter)s question answered", "%(counter)s questions answered", answered)
            % {"counter": answered}
        )
    polls = event.poll_count or 0
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
    status = event.my_status
    if status == "confirmed":
        return format_html(
            '<p class="flag flag-ok">{}</p>',
            gettext("You were registered") if past else gettext("You are registered"),
        )
    if status == "waitlisted" and not past:
        return format_html('<p class="flag">{}</p>', gettext("You are on the waiting list"))
    return ""


def _card(event, cover_image, interest_names, facts, record, flag, reader):
    language, zone, use_tz, _prefix, _urlconf = reader
    tags = format_html_join(
        "", '<span class="tag">{}</span> ', ((name,) for name in interest_names)
    )
    return format_html(
        '<li class="card event-card">{}<h3><a href="{}" lang="{}">{}</a></h3><p>{}</p>'
        '<p class="muted">{}</p>{}{}<p>{}</p></li>',
        cover_image,
        cached_reverse("events:detail", event.slug),
        event.language,
        event.title,
        _when(event.starts_at, event.ends_at, use_tz, language, zone),
        " · ".join(facts),
        record,
        flag,
        tags,
    )


@register.simple_tag(takes_context=True)
def event_facts(context, event, *, zone_differs, online_link, record, seats_left, series_dates):
    """The facts list (`<dl>`) of an event's page: when, format, place, online link, seats,
    audience, other dates, as the template's {% translate %}, {% if %} and filters printed
    them (some 450 Python calls there). `zone_differs`: the reader's time zone is not the
    event's; `online_link`: the viewer may see it; `record`: the event is over (no seats).
    Its texts are translated before the f-strings print them (makemessages does not look
    inside f-strings)."""
    when, format_, place = gettext("When"), gettext("Format"), gettext("Place")
    facts = [f"<dt>{escape(when)}</dt>\n<dd>{event_when(context, event)}"]
    if zone_differs:
        with timezone.override(event.time_zone):
            starts = date(template_localtime(event.starts_at, context.use_tz), "DATETIME_FORMAT")
            ends = time_filter(template_localtime(event.ends_at, context.use_tz), "TIME_FORMAT")
        local = escape(gettext("Local time of the event:"))
        facts.append(
            f'<br><span class="muted">{local} {escape(starts)}–{escape(ends)}'
            f" ({escape(event.time_zone)})</span>"
        )
    facts.append(
        f"</dd>\n<dt>{escape(format_)}</dt>\n"
        f"<dd>{escape(FORMATS.get(event.format, event.format))}</dd>"
    )
    if event.has_place:
        address = f"<br>{escape(event.address)}" if event.address else ""
        facts.append(f"<dt>{escape(place)}</dt><dd>{escape(event.venue)}{address}</dd>")
    if event.is_online:
        if online_link:
            url = escape(event.online_url)
            shown = f'<a href="{url}" rel="noopener">{url}</a>'
        else:
            said = escape(gettext("Registered attendees see the link here."))
            shown = f'<span class="muted">{said}</span>'
        online = escape(gettext("Online link"))
        facts.append(f"<dt>{online}</dt>\n<dd>{shown}</dd>")
    if not record:
        seats = seats_fact(event.capacity, seats_left, event.waitlist_count)
        said_seats = escape(gettext("Seats"))
        facts.append(f"<dt>{said_seats}</dt>\n<dd>{seats}</dd>")
    for_ = escape(gettext("For"))
    if event.audience == Event.Audience.SPACE:
        space = event.space  # None only where a form's check was skipped: printed empty
        link, name = (space.get_absolute_url(), space.name) if space else ("", "")
        facts.append(f'<dt>{for_}</dt><dd><a href="{escape(link)}">{escape(name)}</a></dd>')
    if event.audience == Event.Audience.TIERS:
        tiers = ", ".join(escape(tier.name) for tier in event.tiers.all())
        facts.append(f"<dt>{for_}</dt><dd>{tiers}</dd>")
    if series_dates:
        dates = "".join(
            f'<li><a href="{escape(other.get_absolute_url())}">'
            f"{escape(date(template_localtime(other.starts_at, context.use_tz), 'DATE_FORMAT'))}"
            "</a></li>"
            for other in series_dates
        )
        other_dates = escape(gettext("Other dates"))
        facts.append(f'<dt>{other_dates}</dt><dd><ul class="inline-list">{dates}</ul></dd>')
    listed = "\n".join(facts)
    return SafeString(f'<dl class="event-facts">\n{listed}\n</dl>')
