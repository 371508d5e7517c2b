"""The spaces pages, one module per part, as models/ and services/ are: spaces and who is
in them, posts (threads and replies), the chat, moderation. Routes: spaces/urls.py."""
