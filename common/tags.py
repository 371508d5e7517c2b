"""Tags (django-taggit) that cost little in lists: every TaggableManager of the project is
declared with `manager=TagManager`."""

from functools import lru_cache

from django.db.models import IntegerField, QuerySet, Value
from taggit.managers import _TaggableManager
from taggit.models import ItemBase

from common.prepared import ID, Prepared


class TagManager(_TaggableManager):
    """taggit's manager for one object's tags, whose filter is built only when it is read.

    A list prefetches its objects' tags (`prefetch_related("interests")`): Django then asks
    every object's manager for its queryset and fills it with the prefetched rows. taggit
    built the whole filter each time (its join resolved: about 0.2 ms an object, a few
    milliseconds a page), for a queryset never run. Like Django's own related managers,
    this one defers the filter until the queryset is read; what it reads is unchanged.
    """

    def get_queryset(self, extra_filters=None):
        try:
            return self.instance._prefetched_objects_cache[self.prefetch_cache_name]
        except (AttributeError, KeyError):
            pass
        # taggit's own query for other cases (generic tags, extra filters, the model's tags).
        if extra_filters or self.instance is None or not _plain_through(self.through):
            return super().get_queryset(extra_filters)
        # An ordered queryset built once per kind of tag, copied; its filter is Django's
        # related managers' deferred filter, applied when the queryset is read.
        queryset = _ordered(self.through, tuple(self.ordering))._chain()
        queryset._deferred_filter = (
            False,
            (),
            {f"{self.through.tag_relname()}__content_object": self.instance},
        )
        return queryset


@lru_cache(maxsize=64)
def _ordered(through, ordering):
    return through.tag_model().objects.order_by(*ordering)


def _plain_through(through):
    """A through model whose content_object is a foreign key (taggit's ItemBase query)."""
    return getattr(through.tags_for, "__func__", None) is ItemBase.tags_for.__func__


def read_tags(instance, *names):
    """The object's tags of several TaggableManagers (`names`) in one query, a union over
    their through models, kept as if prefetched: `instance.<name>.all()` then reads nothing.
    Each list comes in the order the tags were given, as taggit reads it."""
    rows = sorted(_tags_of(type(instance), names)(instance=instance.pk)) if names else []
    for n, name in enumerate(names):
        model = instance._meta.get_field(name).through.tag_model()
        tags = QuerySet(model=model)
        tags._result_cache = [
            model(pk=pk, name=tag_name, slug=slug)
            for kind, _, pk, tag_name, slug in rows
            if kind == n
        ]
        tags._prefetch_done = True
        instance._prefetched_objects_cache = getattr(instance, "_prefetched_objects_cache", {})
        instance._prefetched_objects_cache[name] = tags
    return instance


@lru_cache(maxsize=64)
def _tags_of(model, names):
    """The union read_tags runs for these TaggableManagers of `model`, compiled once
    (common.prepared)."""

    def union(instance):
        parts = []
        for n, name in enumerate(names):
            through = model._meta.get_field(name).through
            relname = through.tag_relname()
            parts.append(
                through.tag_model()
                .objects.filter(**{f"{relname}__content_object": instance})
                .order_by()
                .values_list(_kind(n), f"{relname}__pk", "pk", "name", "slug")
            )
        return parts[0].union(*parts[1:], all=True)

    return Prepared(union, instance=ID)


def _kind(n):
    return Value(n, output_field=IntegerField())
