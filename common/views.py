"""Views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """Anyone: "ok" when the web process answers. It reads nothing itself, so it is also the
    bare view the benchmarks measure every page against: the cost of the server and the
    middleware alone (which, for a signed-in member, read the session and the account)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
