"""How tag fields read and write text: entries are separated by commas only.

django-taggit's default splits on spaces when there is no comma, which would
turn "Gestion de bénévoles" into three tags.
"""


def split_on_commas(text):
    names = {name.strip().strip('"').strip() for name in (text or "").split(",")}
    return sorted(name for name in names if name)


def join_with_commas(tags):
    return ", ".join(sorted(tag.name for tag in tags))
