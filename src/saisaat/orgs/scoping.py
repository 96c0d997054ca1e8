"""The one scoping gate: which records a user may read and which they may change.

Every record that belongs to an office declares once, on its model, the path to the unit
that owns it::

    class EvidenceItem(models.Model):
        ...
        objects = EvidenceItemQuerySet.as_manager()  # a ScopedQuerySet
        unit_scope = "assignment__unit"

and its queryset (a ``ScopedQuerySet``) answers three questions with the same rule:

- ``visible_to(user)``: the records the user may read. By default those whose unit is in
  ``user.visible_units()`` (its own unit and those below it; a superuser all; nobody
  signed out none).
- ``editable_by(user)``: the records the user may change. By default those of the unit the
  user manages (its approvers and administrators; a superuser all): ``can_manage``.
- ``allows_edit(user, obj)``: the same question for one record already read, without a
  query when the owning unit is at hand.

A record whose path starts at another scoped record (an evidence item's assignment, a
question's survey) follows that record's rules: it is visible when its parent is, and
changed by whoever may change its parent. A model whose rule genuinely differs (a district
reads its province's plan; confidential complaints; the officers of a unit work on its
assignments) overrides the methods on its own queryset, and nowhere else.

Views fetch through ``get_visible_or_404`` and ``get_editable_or_403`` (NetBox's
``RestrictedQuerySet.restrict``, healthchecks' ``_get_check_for_user``): 404 for what one
may not see, so another office's records never show they exist, and 403 for what one may
see but not change. Services that change data call ``require_editable`` (or their own
domain predicate) so that a caller that skipped the view is refused too.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404


def can_manage_unit(user, unit_id: int | None) -> bool:
    """The default right to change a unit's records: its approvers and administrators,
    and a superuser."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return (
        unit_id is not None
        and user.unit_id == unit_id
        and (user.is_approver or user.is_administrator)
    )


def unit_scope_of(model) -> str | None:
    """The declared path from ``model`` to its owning unit (``None`` when undeclared)."""
    return getattr(model, "unit_scope", None)


def parent_field(model):
    """The first step of the path when it leads to another scoped record, else ``None``."""
    path = unit_scope_of(model)
    if not path or "__" not in path:
        return None
    field = model._meta.get_field(path.split("__", 1)[0])
    if field.related_model is not None and unit_scope_of(field.related_model):
        return field
    return None


def scoped(model_or_queryset) -> ScopedQuerySet:
    """A ``ScopedQuerySet`` of a model, a manager or a queryset."""
    if isinstance(model_or_queryset, models.QuerySet):
        queryset = model_or_queryset
    elif isinstance(model_or_queryset, models.Manager):
        queryset = model_or_queryset.all()
    else:
        queryset = model_or_queryset._default_manager.all()
    if not isinstance(queryset, ScopedQuerySet):
        raise TypeError(f"{queryset.model.__name__} declares no unit scope")
    return queryset


def owning_unit_id(obj) -> int | None:
    """The id of the unit that owns ``obj``, walking its declared path."""
    steps = unit_scope_of(type(obj)).split("__")
    for step in steps[:-1]:
        obj = getattr(obj, step)
        if obj is None:
            return None
    return getattr(obj, f"{steps[-1]}_id")


class ScopedQuerySet(models.QuerySet):
    """Records owned by a unit, through the model's ``unit_scope`` path."""

    def _path(self) -> str:
        path = unit_scope_of(self.model)
        if not path:
            raise TypeError(f"{self.model.__name__} declares no unit_scope")
        return path

    def _parent(self):
        field = parent_field(self.model)
        if field is None:
            return None, None
        return field.name, scoped(field.related_model)

    def visible_to(self, user):
        name, parents = self._parent()
        if parents is not None:
            return self.filter(**{f"{name}__in": parents.visible_to(user)})
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(**{f"{self._path()}__in": user.visible_units()})

    def editable_by(self, user):
        name, parents = self._parent()
        if parents is not None:
            return self.filter(**{f"{name}__in": parents.editable_by(user)})
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id is None or not (user.is_approver or user.is_administrator):
            return self.none()
        return self.filter(**{f"{self._path()}_id": user.unit_id})

    def allows_edit(self, user, obj) -> bool:
        name, parents = self._parent()
        if parents is not None:
            return parents.allows_edit(user, getattr(obj, name))
        return can_manage_unit(user, owning_unit_id(obj))


def _user(request_or_user):
    return getattr(request_or_user, "user", request_or_user)


def get_visible_or_404(request, queryset, **lookup):
    """The one record matching ``lookup`` among those the user may read; 404 otherwise.

    ``queryset`` is a scoped model, its manager or a queryset of it (with the
    ``select_related`` the page needs)."""
    return get_object_or_404(scoped(queryset).visible_to(_user(request)), **lookup)


def get_editable_or_403(request, queryset, **lookup):
    """As ``get_visible_or_404``, and 403 when the user may read the record but not change
    it."""
    queryset = scoped(queryset)
    obj = get_object_or_404(queryset.visible_to(_user(request)), **lookup)
    if not queryset.allows_edit(_user(request), obj):
        raise PermissionDenied
    return obj


def may_edit(user, obj) -> bool:
    """Whether ``user`` may change ``obj``, by its model's declared rule."""
    return scoped(type(obj)).allows_edit(user, obj)


def require_editable(user, obj) -> None:
    """For services: refuse a change the actor has no right to make. ``None`` is the
    system itself (a management command, the demo), which services accept where their
    ``acting_user`` may be ``None``."""
    if user is not None and not may_edit(user, obj):
        raise PermissionDenied


def oversees(user, unit) -> bool:
    """Whether ``user`` manages ``unit`` or an office above it (the tree is at most three
    levels deep)."""
    offices = [unit.pk, unit.parent_id]
    if unit.parent_id is not None:
        offices.append(unit.parent.parent_id)
    return any(can_manage_unit(user, office) for office in offices if office is not None)


def require_manager(user, unit) -> None:
    """For services that create a record in ``unit``: the managers of the unit or of an
    office above it (the pages offer the form to the unit's own managers), or the system
    (``None``). Another office's staff and those who manage nothing are refused."""
    if user is not None and not oversees(user, unit):
        raise PermissionDenied


def exists_path(model, path: str) -> bool:
    """Whether ``path`` leads from ``model`` through foreign keys (checked by the tests)."""
    for step in path.split("__"):
        try:
            field = model._meta.get_field(step)
        except FieldDoesNotExist:
            return False
        if not field.many_to_one and not field.one_to_one:
            return False
        model = field.related_model
    return True
