"""Two guarantees for every request that may write."""

from django.db import transaction
from django.shortcuts import render

from common.ratelimit import RateLimited

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """A request that may write runs in one transaction, which is rolled back when the
    answer is an error or a refusal (any status from 400): a request that fails or is
    refused leaves nothing behind. Side effects (emails, live updates, tasks) are queued
    with transaction.on_commit, so they leave only with what was committed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 400:
                transaction.set_rollback(True)
        return response


class RateLimitMiddleware:
    """Answers a RateLimited refusal with 429 and a page (or an HTMX fragment) that says
    when to try again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        context = {"retry_after": exception.retry_after}
        htmx = getattr(request, "htmx", False)
        template = "_rate_limited.html" if htmx else "429.html"
        response = render(request, template, context, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
