from django import forms

from community.models import NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = [
            "email_replies",
            "email_mentions",
            "email_answers",
            "email_spaces",
            "email_events",
        ]
