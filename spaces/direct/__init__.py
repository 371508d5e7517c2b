"""Direct messages: private conversations of two to ten members, live, with blocks and
reports. A product of its own inside spaces (its models are spaces.models.direct, its
rules who may write to whom follow the spaces one shares): services, permissions, views,
forms, urls and the socket's consumer, as in every app."""
