"""What the socket tests share: opening a socket as one of the cast, reading until a kind of
frame, the close a socket receives when its member loses access, and the values of an
admin form (to change access there)."""

import json
from html.parser import HTMLParser

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import AsyncClient

from community.asgi import application


async def open_socket(user, path):
    """(communicator, connected, close code) for `user` (None: a visitor) at `path`."""
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        client = AsyncClient()
        await client.aforce_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def close_account(user):
    """Close the member's account as staff do in the admin: on the row as read from the
    database (members.signals tells what changed from what was read)."""

    def close():
        account = type(user).objects.get(pk=user.pk)
        account.is_active = False
        account.save()

    await sync_to_async(close)()


async def next_of_type(communicator, kind, timeout=2):
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def close_code(communicator, timeout=2):
    """The code the server closes with, and the kinds of frame it sent before it (presence
    and the like; never a message the member may no longer see, tests check)."""
    before = []
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code"), before
        before.append(_kind(output))


def _kind(output):
    return json.loads(output["text"])["type"] if output.get("text") else output["type"]


def form_data(response):
    """What a browser would post from the page's form as it stands (an admin change form)."""
    parser = _Form()
    parser.feed(response.content.decode())
    return parser.data


class _Form(HTMLParser):
    """The values a browser would post from the admin's change form, as it stands."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            checkable = attrs.get("type") in ("checkbox", "radio")
            self.data[name] = attrs.get("value", "on" if checkable else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n")
