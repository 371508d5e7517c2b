"""{% space_card space %}: a space's card in a list (the space comes from
spaces.queries.space_cards, its interests read with spaces.queries.with_interests)."""

from django import template

register = template.Library()


@register.inclusion_tag("spaces/_space_card.html")
def space_card(space):
    return {"space": space}
