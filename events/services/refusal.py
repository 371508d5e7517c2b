"""The one shape of every refusal in events' services."""


class Refused(Exception):
    """An action that cannot be done, with the reason the member reads (`message`)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
