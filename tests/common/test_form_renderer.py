"""Selects written in Python read exactly as Django's templates write them."""

from django import forms
from django.forms.renderers import DjangoTemplates

from common.renderers import FormRenderer
from members.forms import DirectoryFilterForm
from members.models import Interest


class EveryKindOfSelect(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "A & <b>"), ("b", 'B "quoted"')])
    grouped = forms.ChoiceField(
        choices=[("Fruits", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")],
        required=False,
    )
    several = forms.MultipleChoiceField(
        choices=[(1, "One"), (2, "Two"), (3, "Three")], help_text="Pick some."
    )
    numbers = forms.TypedChoiceField(
        choices=[(1, "One"), (2, "Two")],
        coerce=int,
        widget=forms.Select(attrs={"disabled": True, "data-x": "<&>", "hidden": False}),
    )


def both(form_class, data=None):
    ours = form_class(data, renderer=FormRenderer())
    djangos = form_class(data, renderer=DjangoTemplates())
    if data is not None:
        ours.is_valid()
        djangos.is_valid()
    return ours, djangos


def test_selects_read_as_djangos_own_templates_write_them():
    for data in (None, {"plain": "b", "grouped": "pear", "several": ["1", "3"], "numbers": "9"}):
        ours, djangos = both(EveryKindOfSelect, data)
        for name in ours.fields:
            assert str(ours[name]) == str(djangos[name])


def test_the_directory_filters_read_as_before(db):
    Interest.objects.create(name="Jardins & potagers", slug="jardins")
    ours, djangos = both(DirectoryFilterForm, {"interest": "jardins", "region": "06"})
    assert str(ours) == str(djangos)
    assert '<option value="jardins" selected>Jardins &amp; potagers</option>' in str(ours)


class EveryKindOfInput(forms.Form):
    name = forms.CharField(label="Name & <title>", help_text="Yours.", max_length=20)
    email = forms.EmailField(required=False)
    age = forms.IntegerField(min_value=0, initial=3)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial='a "b" <c>')
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))


def test_inputs_textareas_and_labels_read_as_djangos_own_templates_write_them():
    data = {"name": "<Zoé>", "age": "x", "note": "line\nother & <b>", "agree": "on"}
    for values in (None, data):
        ours, djangos = both(EveryKindOfInput, values)
        for name in ours.fields:
            assert str(ours[name]) == str(djangos[name]), name
            assert ours[name].label_tag() == djangos[name].label_tag(), name
            assert ours[name].legend_tag() == djangos[name].legend_tag(), name
            assert ours[name].label_tag(attrs=None, label_suffix="") == djangos[name].label_tag(
                attrs=None, label_suffix=""
            ), name


def quick_and_djangos(field, value):
    """The field's select as QuickSelect writes it, and as Django's Select through Django's
    own templates writes it."""
    quick = field.widget.render("f", value, attrs={"id": "id_f", "aria-describedby": "x"})
    plain = forms.Select(attrs=field.widget.attrs)
    plain.choices = field.choices
    djangos = plain.render(
        "f", value, attrs={"id": "id_f", "aria-describedby": "x"}, renderer=DjangoTemplates()
    )
    return quick, djangos


def test_a_quick_select_reads_as_djangos_select(db):
    from common.forms import QuickSelect

    plain = forms.ChoiceField(
        choices=[("", "—"), ("a", "A & <b>"), ("b", 'B "quoted"'), (3, "Three")],
        widget=QuickSelect(attrs={"data-x": "<&>", "disabled": True, "hidden": False}),
    )
    grouped = forms.ChoiceField(
        choices=[("Fruits", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")],
        widget=QuickSelect,
    )
    Interest.objects.create(name="Jardins & potagers", slug="jardins")
    Interest.objects.create(name="Arts", slug="arts")
    model = forms.ModelChoiceField(
        queryset=Interest.objects.order_by("name"),
        to_field_name="slug",
        empty_label="All",
        widget=QuickSelect,
    )
    for field, values in (
        (plain, (None, "", "b", 3, "nope")),
        (grouped, (None, "pear", "none")),
        (model, (None, "jardins", "arts", "gone")),
    ):
        for value in values:
            quick, djangos = quick_and_djangos(field, value)
            assert quick == djangos, value
    assert "selected" in quick_and_djangos(model, "jardins")[0]
