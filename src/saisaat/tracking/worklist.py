"""My work at volume: a person's assignments grouped by due state, filtered and sorted,
and an approver's review queue grouped by activity with the next item to review.

Every list is read in a fixed number of queries: one count per due state, one query for
the first items of every state (a window function numbers the rows of each state), and
for the queue one query for its activities, one for their items and one for the counts
per office.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import Case, Count, ExpressionWrapper, F, Min, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.tracking.models import Assignment, made_by, overdue_on, responsible_group

DUE_SOON_DAYS = 30
# The most items (or, in the review queue, activities) a group shows on the whole list,
# and on each page of one group's list: the rest are a link away.
OVERVIEW_LIMIT = 10
PAGE_LIMIT = 50

Status = Assignment.Status


class DueState(models.TextChoices):
    """Where a piece of work stands, in the order My work lists them. The values double
    as the ids of the page's sections."""

    RETURNED = "returned", _("Returned for correction")
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due-soon", _("Due within 30 days")
    WAITING = "waiting", _("Waiting for review")
    LATER = "later", _("Later")
    DONE = "done", _("Done")


TO_REVIEW = "to-review"

NUMBER_ORDER = ("dimension_number", "activity__measure__number", "activity__position")
SORTS = {
    "due": ("due_date", *NUMBER_ORDER, "unit__code", "pk"),
    "number": (*NUMBER_ORDER, "due_date", "unit__code", "pk"),
}
SORT_CHOICES = [("due", _("Due date")), ("number", _("Activity number"))]


def due_state(today: date) -> Case:
    """Each assignment's :class:`DueState` as of ``today``. Overdue is the one rule
    (:func:`saisaat.tracking.models.overdue_on`): returned work past its date stays
    under "returned" (it needs correcting first) and is marked overdue on its card."""
    return Case(
        When(status=Status.RETURNED, then=Value(DueState.RETURNED.value)),
        When(overdue_on(today), then=Value(DueState.OVERDUE.value)),
        When(status=Status.SUBMITTED, then=Value(DueState.WAITING.value)),
        When(status=Status.APPROVED, then=Value(DueState.DONE.value)),
        When(
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
            then=Value(DueState.DUE_SOON.value),
        ),
        default=Value(DueState.LATER.value),
        output_field=models.CharField(),
    )


class WorkFilterForm(forms.Form):
    """The filters of My work, read from the query string (a plain GET form)."""

    due = forms.ChoiceField(label=_("Due state"), required=False)
    dimension = forms.TypedChoiceField(
        label=_("Plan dimension"), required=False, coerce=int, empty_value=None
    )
    group = forms.TypedChoiceField(
        label=_("Work group"), required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data, *, dimensions, groups, reviews: bool):
        super().__init__(data)
        every = _("Show all")
        states = [("", every)] + list(DueState.choices)
        if reviews:
            states.append((TO_REVIEW, _("Waiting for my review")))
        self.fields["due"].choices = states
        self.fields["dimension"].choices = [("", every)] + [
            (number, _("Dimension %(number)s") % {"number": number}) for number in dimensions
        ]
        self.fields["group"].choices = [("", every)] + [
            (group.pk, group.name_th) for group in groups
        ]
        if not groups:
            del self.fields["group"]

    def filters(self) -> dict:
        """The valid filters (a value that is not one of the choices is an error shown on
        the form: the list is then shown unfiltered)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "due": data.get("due") or "",
            "dimension": data.get("dimension"),
            "group": data.get("group"),
            "sort": data.get("sort") or "due",
            "page": data.get("page") or 1,
        }


def query_string(filters: dict, **changes) -> str:
    """The list's query string with ``changes`` (the page starts again at 1)."""
    values = {**filters, "page": None, **changes}
    if values.get("sort") == "due":
        values["sort"] = None
    return urlencode({key: value for key, value in values.items() if value not in (None, "")})


@dataclass
class Group:
    state: DueState
    count: int
    items: list[Assignment] = field(default_factory=list)
    more_query: str = ""

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class ActivityGroup:
    activity_id: int
    number: str
    count: int
    items: list[Assignment] = field(default_factory=list)


@dataclass
class ReviewQueue:
    total: int = 0
    groups: list[ActivityGroup] = field(default_factory=list)
    group_count: int = 0
    by_unit: list[dict] = field(default_factory=list)
    more_query: str = ""
    start: Assignment | None = None

    @property
    def more(self) -> int:
        return self.group_count - len(self.groups)

    @property
    def items(self) -> list[Assignment]:
        return [item for group in self.groups for item in group.items]


def is_reviewer(user: User) -> bool:
    """A provincial office's approvers and its deputy approver (the heads of district
    offices approve nothing). Reads ``user.unit``, loaded once."""
    if user.unit_id is None or user.unit.kind != Unit.Kind.PROVINCE:
        return False
    return user.is_approver or user.unit.deputy_approver_id == user.pk


def review_queue(user: User):
    """Submitted work ``user`` reviews: at a provincial office the head reviews all of it,
    a group director the group's (shared work included), the deputy approver the work
    the head made. Mirrors :func:`saisaat.tracking.access.can_review`."""
    if not is_reviewer(user):
        return Assignment.objects.none()
    rule = Q(
        province__deputy_approver=user,
        pk__in=Assignment.objects.filter(province_id=user.unit_id)
        .made_by_office_head()
        .values("pk"),
    )
    if user.is_approver:
        # The head sees all the province's submitted work (``Q()`` alone would add
        # nothing to an OR), a group director the group's.
        rule = responsible_group(user.work_group_id) | rule if user.work_group_id else Q()
    return (
        Assignment.objects.visible_to(user)
        .waiting_for_review()
        .filter(rule, province_id=user.unit_id)
    )


def next_to_review(user: User, *, after: Assignment) -> Assignment | None:
    """What ``user`` reviews after ``after``: the next office's submission of the same
    activity (by office code, from the first again), else the first waiting activity
    after it by number (from the start again when none is). Work ``user`` made is
    skipped: someone else approves it."""
    queue = (
        review_queue(user)
        .exclude(pk=after.pk)
        .exclude(pk__in=Assignment.objects.made_by(user).values("pk"))
        .select_related("activity__measure", "unit")
    )
    same = queue.filter(activity_id=after.activity_id).order_by("unit__code", "pk")
    following = same.filter(unit__code__gt=after.unit.code).first() or same.first()
    if following is not None:
        return following
    dimension, measure = after.dimension_number, after.activity.measure.number
    position = after.activity.position
    later = (
        Q(dimension_number__gt=dimension)
        | Q(dimension_number=dimension, activity__measure__number__gt=measure)
        | Q(
            dimension_number=dimension,
            activity__measure__number=measure,
            activity__position__gt=position,
        )
    )
    order = (*NUMBER_ORDER, "unit__code", "pk")
    return queue.filter(later).order_by(*order).first() or queue.order_by(*order).first()


def activity_number(dimension: int, measure: int, position: int) -> str:
    return f"{dimension}.{measure}.{position}"


def _queue(user: User, queue, filters: dict, offset: int, limit: int) -> ReviewQueue:
    order = ["first_due", "dimension", "measure", "position", "activity_id"]
    if filters["sort"] == "number":
        order = ["dimension", "measure", "position", "first_due", "activity_id"]
    activities = list(
        queue.values("activity_id")
        .annotate(
            count=Count("pk"),
            first_due=Min("due_date"),
            dimension=Min("dimension_number"),
            measure=Min("activity__measure__number"),
            position=Min("activity__position"),
        )
        .order_by(*order)
    )
    result = ReviewQueue(total=sum(row["count"] for row in activities), group_count=len(activities))
    shown = activities[offset : offset + limit]
    if not shown:
        return result
    items = (
        queue.filter(activity_id__in=[row["activity_id"] for row in shown])
        .select_related("activity__measure", "unit")
        .annotate(made_by_me=ExpressionWrapper(made_by(user), output_field=models.BooleanField()))
        .order_by("activity_id", "unit__code", "pk")
    )
    by_activity = {key: list(rows) for key, rows in groupby(items, key=lambda a: a.activity_id)}
    result.groups = [
        ActivityGroup(
            activity_id=row["activity_id"],
            number=activity_number(row["dimension"], row["measure"], row["position"]),
            count=row["count"],
            items=by_activity.get(row["activity_id"], []),
        )
        for row in shown
    ]
    result.start = next(
        (item for group in result.groups for item in group.items if not item.made_by_me), None
    )
    result.by_unit = list(
        queue.values("unit__code", "unit__name_th", "unit__short_name_th")
        .annotate(count=Count("pk"))
        .order_by("unit__code")
    )
    return result


def _groups(mine, filters: dict, today: date, offset: int, limit: int) -> list[Group]:
    with_state = mine.annotate(due_state=due_state(today))
    counts = {
        row["due_state"]: row["count"]
        for row in with_state.order_by().values("due_state").annotate(count=Count("pk"))
    }
    order = SORTS[filters["sort"]]
    wanted = [DueState(filters["due"])] if filters["due"] in DueState.values else list(DueState)
    groups = [Group(state=state, count=counts.get(state.value, 0)) for state in wanted]
    if not any(group.count for group in groups):
        return groups
    related = ("activity__measure", "unit", "officer")
    if len(wanted) == 1:
        items = list(
            with_state.filter(due_state=wanted[0].value)
            .select_related(*related)
            .order_by(*order)[offset : offset + limit]
        )
    else:
        # The first ``limit`` of every state in one query.
        items = list(
            with_state.annotate(
                rank=Window(RowNumber(), partition_by=F("due_state"), order_by=order)
            )
            .filter(rank__lte=limit)
            .select_related(*related)
            .order_by(*order)
        )
    for group in groups:
        group.items = [item for item in items if item.due_state == group.state.value]
        if len(wanted) > 1:
            group.more_query = query_string(filters, due=group.state.value)
    return groups


def my_work(user: User, data, *, today: date) -> dict:
    """Everything the My work page shows for ``user`` with the query string ``data``."""
    mine = Assignment.objects.visible_to(user).current().for_officer(user)
    reviews = is_reviewer(user)
    queue = review_queue(user)
    numbers = mine.order_by().values_list("dimension_number", flat=True).distinct()
    if reviews:
        # A UNION drops the repeats too: one query for both lists.
        numbers = numbers.union(queue.order_by().values_list("dimension_number", flat=True))
    dimensions = sorted(set(numbers))
    groups = []
    if user.unit_id and user.unit.kind == Unit.Kind.PROVINCE:
        groups = list(WorkGroup.objects.filter(unit_id=user.unit_id).order_by("function"))
    form = WorkFilterForm(data, dimensions=dimensions, groups=groups, reviews=reviews)
    filters = form.filters()
    if filters["dimension"] is not None:
        mine = mine.filter(dimension_number=filters["dimension"])
        queue = queue.filter(dimension_number=filters["dimension"])
    if filters["group"] is not None:
        mine = mine.for_work_group(filters["group"])
        queue = queue.for_work_group(filters["group"])
    due = filters["due"]
    page = filters["page"]
    offset, limit = (page - 1) * PAGE_LIMIT, PAGE_LIMIT
    if due not in ("", TO_REVIEW):
        # One state, page by page; the queue is not shown.
        return _page(form, filters, _groups(mine, filters, today, offset, limit), None)
    if due == TO_REVIEW:
        return _page(form, filters, [], _queue(user, queue, filters, offset, limit))
    review = _queue(user, queue, filters, 0, OVERVIEW_LIMIT) if reviews else None
    if review is not None:
        review.more_query = query_string(filters, due=TO_REVIEW)
    return _page(form, filters, _groups(mine, filters, today, 0, OVERVIEW_LIMIT), review)


def _page(form, filters, groups: list[Group], review: ReviewQueue | None) -> dict:
    """The context, with the links to the previous and next page of a one-state list."""
    context = {"form": form, "filters": filters, "groups": groups, "review": review}
    due, page = filters["due"], filters["page"]
    if due:
        total = review.group_count if due == TO_REVIEW else groups[0].count
        if page > 1:
            context["previous_query"] = query_string(filters, due=due, page=page - 1)
        if page * PAGE_LIMIT < total:
            context["next_query"] = query_string(filters, due=due, page=page + 1)
        context["all_query"] = query_string(filters, due=None)
    return context
