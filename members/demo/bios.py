"""Bios composed from sentence fragments, in the member's language.

Each bio draws the same four values from the random generator (years, then
one opening, one middle, one closing), whatever the language: keep the
number of fragments in each list as it is, or every demo email changes.
"""

from members.demo.vocabulary import INTEREST_PHRASES_EN, INTEREST_PHRASES_FR, SKILL_PHRASES_EN

OPENINGS_FR = [
    "Je travaille depuis {years} ans dans le milieu communautaire.",
    "Dans ma communauté depuis {years} ans, j'aime créer des ponts.",
    "Après {years} ans en intervention, je me consacre à la concertation.",
    "D'abord bénévole, je suis dans le réseau depuis {years} ans.",
    "Je coordonne des projets collectifs depuis {years} ans.",
]
MIDDLES_FR = [
    "Je m'intéresse surtout {to_interest} et à ce que nos organismes font ensemble.",
    "Mon dada : {interest}, avec des solutions qui viennent du terrain.",
    "On va plus loin en partageant nos outils, surtout quand il est question {of_interest}.",
    "Je cherche des partenaires pour un projet lié {to_interest} dans ma région.",
]
CLOSINGS_FR = [
    "Écrivez-moi pour un café virtuel !",
    "J'aime échanger sur nos bons coups.",
    "Je peux donner un coup de main en {skill}.",
    "Au plaisir de vous croiser à la prochaine rencontre du réseau.",
]
OPENINGS_EN = [
    "I've been working in the community sector for {years} years.",
    "Community organizer for {years} years, I love connecting people.",
    "After {years} years in front-line work, I now focus on partnerships.",
    "I started as a volunteer {years} years ago and never left.",
]
MIDDLES_EN = [
    "My focus is {interest} and how our groups can act together.",
    "I care most about {interest}, with solutions built from the ground up.",
    "I'm looking for partners in my region for a project on {interest}.",
]
CLOSINGS_EN = [
    "Happy to chat over a virtual coffee!",
    "I can lend a hand with {skill}.",
    "See you at the next network meeting.",
    "Je suis aussi à l'aise en français, n'hésitez pas !",
]
FRENCH_TOO = CLOSINGS_EN[-1]

_CONTRACTIONS = {
    ("à", "le"): "au",
    ("à", "les"): "aux",
    ("de", "le"): "du",
    ("de", "les"): "des",
}


def compose_bio(rng, *, language, spoken, interest, skill):
    """A three-sentence bio about the member's main interest and a skill they offer."""
    years = rng.randint(2, 25)
    if language == "en":
        fragments = (OPENINGS_EN, MIDDLES_EN, CLOSINGS_EN)
        words = {"interest": INTEREST_PHRASES_EN[interest], "skill": SKILL_PHRASES_EN[skill]}
    else:
        fragments = (OPENINGS_FR, MIDDLES_FR, CLOSINGS_FR)
        phrase = INTEREST_PHRASES_FR[interest]
        words = {
            "interest": phrase,
            "to_interest": _preceded("à", phrase),
            "of_interest": _preceded("de", phrase),
            "skill": skill[0].lower() + skill[1:],
        }
    sentences = [rng.choice(options) for options in fragments]
    if sentences[-1] == FRENCH_TOO and "fr" not in spoken:
        sentences[-1] = CLOSINGS_EN[0]
    return " ".join(sentence.format(years=years, **words) for sentence in sentences)


def _preceded(preposition, phrase):
    """Put à or de before a phrase with its article: "au logement social", "de l'environnement"."""
    article, _space, rest = phrase.partition(" ")
    contracted = _CONTRACTIONS.get((preposition, article))
    if contracted:
        return f"{contracted} {rest}"
    return f"{preposition} {phrase}"
