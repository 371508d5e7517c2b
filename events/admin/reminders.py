"""Admin for this part of events."""
