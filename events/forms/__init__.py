"""The events forms, one module per part, as views/ is: pages, staff, series, editing,
feedback, meetings, workshops, live."""
