from django.dispatch import Signal

# Sent with `activity` once an activity is appended to the log (inside its transaction).
activity_recorded = Signal()
