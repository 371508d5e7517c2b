"""{% link "view" arg ... %}: {% url %} for the links every page repeats (the header's, a
list's), kept per process by common.urls.cached_reverse.
{% asset "css/maillage.css" %}: {% static %} for the files every page links, kept per
process (the manifest of hashed names is read once at start; each lookup still cost some
30 µs)."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static

from common.urls import cached_reverse

register = template.Library()


@register.simple_tag
def link(viewname, *args):
    return cached_reverse(viewname, *args)


@register.simple_tag
def asset(path):
    return _static(path)


@lru_cache(maxsize=256)
def _static(path):
    return static(path)


@receiver(setting_changed, dispatch_uid="common.links.forget_assets")
def _forget_assets(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        _static.cache_clear()
