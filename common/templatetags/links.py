"""{% link "view" arg ... %}: {% url %} for the links every page repeats (the header's, a
list's), kept per process by common.urls.cached_reverse."""

from django import template

from common.urls import cached_reverse

register = template.Library()


@register.simple_tag
def link(viewname, *args):
    return cached_reverse(viewname, *args)
