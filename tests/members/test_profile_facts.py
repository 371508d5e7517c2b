"""{% profile_tag_facts %} prints a profile's interests and skills as the page's template
loops printed them."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from common.tags import read_tags
from members.models import Profile

FACTS = Template(
    "{% load i18n links %}"
    "{% with interests=profile.interests.all %}{% if interests %}"
    '<dt>{% translate "Interests" %}</dt>'
    '<dd><ul class="tags">{% for tag in interests %}<li><a class="tag" href="'
    "{% link 'members:directory' %}?interest={{ tag.slug }}\">{{ tag.name }}</a></li>"
    "{% endfor %}</ul></dd>{% endif %}{% endwith %}"
    "{% with skills=profile.skills_offered.all %}{% if skills %}"
    '<dt>{% translate "Can help with" %}</dt>'
    '<dd><ul class="tags">{% for tag in skills %}<li><a class="tag" href="'
    "{% link 'members:directory' %}?skill={{ tag.slug }}\">{{ tag.name }}</a></li>"
    "{% endfor %}</ul></dd>{% endif %}{% endwith %}"
    "{% with skills=profile.skills_sought.all %}{% if skills %}"
    '<dt>{% translate "Looking for" %}</dt>'
    '<dd><ul class="tags">{% for tag in skills %}<li><a class="tag" href="'
    "{% link 'members:directory' %}?skill={{ tag.slug }}\">{{ tag.name }}</a></li>"
    "{% endfor %}</ul></dd>{% endif %}{% endwith %}"
)
TAG = Template("{% load people %}{% profile_tag_facts profile %}")


def squeezed(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_facts_print_what_the_template_printed(alice, bob, language):
    alice.profile.interests.add("Arts & <culture>")
    alice.profile.skills_sought.add("L'écriture")
    for user in (alice, bob):
        profile = read_tags(
            Profile.objects.get(user=user), "interests", "skills_offered", "skills_sought"
        )
        with translation.override(language):
            expected = FACTS.render(Context({"profile": profile}))
            assert squeezed(TAG.render(Context({"profile": profile}))) == squeezed(expected)


def test_a_profile_without_tags_prints_no_fact(carol):
    profile = read_tags(carol.profile, "interests", "skills_offered", "skills_sought")
    assert TAG.render(Context({"profile": profile})) == ""
