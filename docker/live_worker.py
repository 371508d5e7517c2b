"""The sockets' server's uvicorn worker (docker/live.conf.py): uvicorn's, without
per-message deflate unless LIVE_WS_DEFLATE=1.

Deflate costs the server a compression per socket and frame (each socket keeps its own
compression context, so one room's message is compressed once per member) and some 64 KiB
of zlib state per socket; it saves about 250 of some 300 bytes of a chat message. At
1,000 members and ten messages a second that is 10,000 compressions a second on the
server, against some 2.5 MB/s more sent in all, 2.5 KB/s to each member
(bench/space_chat.py has the figures).
"""

import os

from uvicorn_worker import UvicornWorker


class LiveWorker(UvicornWorker):
    CONFIG_KWARGS = {
        **UvicornWorker.CONFIG_KWARGS,
        "ws_per_message_deflate": os.environ.get("LIVE_WS_DEFLATE", "0") == "1",
    }
