"""What the live tests share."""

from events.models import PollVote
from events.services import live


def choice(poll, label):
    return poll.choices.get(label=label)


def grow(event, poll, voters, questions):
    """Questions by the first voter, upvoted by the others; a vote from each voter."""
    for n in range(questions):
        question = live.ask_question(event=event, user=voters[0], body=f"Question {n}")
        for voter in voters[1:]:
            live.upvote(question=question, user=voter)
    for voter in voters:
        if not PollVote.objects.filter(poll=poll, user=voter).exists():
            live.vote(poll=poll, choice=poll.choices.first(), user=voter)
