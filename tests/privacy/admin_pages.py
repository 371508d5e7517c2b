"""The admin, crawled generically: for every registered model its changelist and add
pages and, with a real object, its change, history and delete pages; the site-wide admin
pages besides. Staff get each page their ModelAdmin grants (else a 403); everyone else
is sent to sign in or refused."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from tests.privacy.cases import LOGIN, REDIRECT, Case
from tests.privacy.community import PERSONAS

NOT_STAFF = (LOGIN, 403, 404)
MODEL_PAGES = ("changelist", "add", "change", "history", "delete")


def refused_to_others(staff_status, **others):
    return {**dict.fromkeys(PERSONAS, NOT_STAFF), "staff": staff_status, **others}


def _site_wide(community):
    """The admin's own pages, by URL name: (kwargs, staff's status, others' status)."""
    space = community.spaces["secret"]
    return {
        "admin:index": ({}, 200, None),
        # The admin signs in through allauth: a member already signed in is refused.
        "admin:login": ({}, 403, {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN}),
        "admin:logout": ({}, 405, dict.fromkeys(PERSONAS, (LOGIN, REDIRECT, 403, 404, 405))),
        "admin:password_change": ({}, 200, None),
        "admin:password_change_done": ({}, 200, None),
        "admin:autocomplete": ({}, 403, None),
        "admin:jsi18n": ({}, 200, None),
        "admin:view_on_site": (
            {"content_type_id": ContentType.objects.get_for_model(space).pk, "object_id": space.pk},
            REDIRECT,
            None,
        ),
        "admin:auth_user_password_change": ({"id": community.users["bob"].pk}, 200, None),
        "admin:taggit_tag_merge_tags": ({}, 200, None),
    }


def staff_may(model_admin, request, page, obj):
    """Whether the ModelAdmin lets staff open this page (else the admin answers 403)."""
    if page == "add":
        return model_admin.has_add_permission(request)
    if page == "delete":
        return model_admin.has_delete_permission(request, obj)
    if page == "changelist":
        return model_admin.has_view_or_change_permission(request)
    return model_admin.has_view_or_change_permission(request, obj)


def admin_cases(community, names):
    """The cases for the admin's URL names (`names`), and the names it cannot reverse."""
    staff_request = RequestFactory().get("/")
    staff_request.user = community.users["staff"]
    by_prefix = {
        f"{model._meta.app_label}_{model._meta.model_name}": (model, model_admin)
        for model, model_admin in admin.site._registry.items()
    }
    site_wide = _site_wide(community)
    cases, unknown = [], []
    for name in sorted(names):
        short = name.split(":", 1)[1]
        if name in site_wide:
            kwargs, staff, others = site_wide[name]
            expect = refused_to_others(staff) if others is None else {**others, "staff": staff}
            cases.append(Case(name, name, kwargs, expect))
            continue
        if short == "app_list":
            for label in sorted({model._meta.app_label for model in admin.site._registry}):
                cases.append(
                    Case(f"{name} {label}", name, {"app_label": label}, refused_to_others(200))
                )
            continue
        prefix, _sep, page = short.rpartition("_")
        if page not in MODEL_PAGES or prefix not in by_prefix:
            unknown.append(name)
            continue
        model, model_admin = by_prefix[prefix]
        obj = model._default_manager.order_by("pk").first()
        if page in ("change", "history", "delete") and obj is None:
            continue  # no real object to show
        allowed = staff_may(model_admin, staff_request, page, obj)
        kwargs = {} if page in ("changelist", "add") else {"object_id": obj.pk}
        cases.append(Case(name, name, kwargs, refused_to_others(200 if allowed else 403)))
        if page == "changelist" and obj is not None:
            # An object's short address (an unnamed pattern) sends staff on to its page.
            cases.append(
                Case(
                    f"{name} (an object's short address)",
                    name,
                    {},
                    refused_to_others(REDIRECT),
                    suffix=f"{obj.pk}/",
                )
            )
    cases.append(
        Case(
            "the admin's catch-all",
            "admin:index",
            {},
            refused_to_others(404),
            suffix="no-such-admin-page/",
        )
    )
    return cases, unknown
