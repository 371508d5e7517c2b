"""{% space_card space %}: a space's card in a list (the space comes from
spaces.queries.space_cards, its interests read with spaces.queries.with_interests).
{% kept_interests space_or_thread as interests %}: the interests of the space or the
thread a page is about (spaces.queries.kept_interests)."""

from django import template

from spaces import queries

register = template.Library()


@register.inclusion_tag("spaces/_space_card.html")
def space_card(space):
    return {"space": space}


@register.simple_tag
def kept_interests(space_or_thread):
    return queries.kept_interests(space_or_thread)
