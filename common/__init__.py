"""Helpers every app may use; common knows no app (see DESIGN.md)."""
