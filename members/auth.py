"""Who is signed in, read on every request by a query compiled once per process.

Django's ModelBackend reads the signed-in account with `User.objects.get(pk=...)`: a
queryset built and compiled on each of a member's requests, about 700 Python calls, a tenth
of a light page. The backends below read the same row, with the same rule (an account that
may not sign in is nobody), through common.prepared. Signing in is unchanged: passwords and
allauth's login by email go through the parent classes.

A session names the backend that signed its member in. Sessions written before these
backends named Django's and allauth's own, which are no longer in AUTHENTICATION_BACKENDS:
AuthenticationMiddleware (below) renames them in the session before Django reads it, so
that nobody is signed out by the change. (A socket opened from a page always follows that
page's request, which has renamed it.)
"""

from functools import partial

from allauth.account import auth_backends as allauth_backends
from asgiref.sync import sync_to_async
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import backends as django_backends
from django.contrib.auth import middleware as django_middleware
from django.utils.functional import LazyObject, empty

from common.prepared import ID, Prepared
from members.models import User

_ACCOUNT = Prepared(lambda pk: User._default_manager.filter(pk=pk), pk=ID)


class _PreparedUser:
    """get_user as ModelBackend's, the row read by a prepared query."""

    def get_user(self, user_id):
        accounts = _ACCOUNT(pk=user_id)
        user = accounts[0] if accounts else None
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)


class ModelBackend(_PreparedUser, django_backends.ModelBackend):
    pass


class AuthenticationBackend(_PreparedUser, allauth_backends.AuthenticationBackend):
    pass


# The backends sessions named before, and the one each now means.
RENAMED = {
    "django.contrib.auth.backends.ModelBackend": "members.auth.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "members.auth.AuthenticationBackend",
}


def _renamed(session):
    backend = session.get(BACKEND_SESSION_KEY)
    if backend in RENAMED:
        session[BACKEND_SESSION_KEY] = RENAMED[backend]


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        _renamed(request.session)
        request._cached_user = auth.get_user(request)
    return request._cached_user


def reader(request):
    """The account request.user stands for (AnonymousUser for a visitor), itself rather
    than the lazy object the middleware puts there, which forwards each attribute read
    through two Python calls: for code that reads the reader many times (a page naming
    people). Follows request.user, should a view sign someone in or out."""
    user = request.user
    if isinstance(user, LazyObject):
        # Django's LazyObject keeps the object it stands for in _wrapped once read.
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


async def _auser(request):
    if not hasattr(request, "_acached_user"):
        await sync_to_async(_renamed)(request.session)
        request._acached_user = await auth.aget_user(request)
    return request._acached_user


class AuthenticationMiddleware(django_middleware.AuthenticationMiddleware):
    """Django's, which first renames a session's former backend (see above), and reads
    who is signed in at once rather than on first use: the middleware after it reads the
    account on every request anyway (the two-factor rule for staff, the viewer's time
    zone), and the lazy object Django puts there forwards each later read through two
    Python calls, hundreds of them on a page that names people or checks permissions.
    A visitor without a session costs no query either way."""

    def process_request(self, request):
        super().process_request(request)
        request.user = _get_user(request)
        request.auser = partial(_auser, request)
