"""One rule for every `next` parameter: only a path on this site is followed.

A `next` comes from the page, so anyone can forge it: `//evil.example`,
`https://evil.example`, `javascript:…`, or a word that Django would try to look up
as a URL name. Anything but a plain local path falls back to the page's default.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback, *, param="next"):
    """The local path that `param` (POST first, then GET) names, or `fallback` (a URL,
    a URL name or a model with get_absolute_url)."""
    target = request.POST.get(param) or request.GET.get(param) or ""
    if is_local_path(target, request):
        return target
    return resolve_url(fallback)


def redirect_to_next(request, fallback, *, param="next"):
    return HttpResponseRedirect(safe_next(request, fallback, param=param))


def is_local_path(target, request=None):
    """True for an absolute path on this site: "/spaces/x/", never "//host" or "/\\host"."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2000:
        return False
    if target.startswith(("//", "/\\")) or any(ord(char) < 32 for char in target):
        return False
    hosts = {request.get_host()} if request is not None else set()
    return url_has_allowed_host_and_scheme(target, allowed_hosts=hosts)
