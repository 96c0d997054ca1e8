"""The 5S records as evidence of plan activities (dimension 2.1): the office's 5S
programme (measures and working group, 2.1.1–2.1.3) and the published results of a
quarterly 5S inspection (the inspection system and its quarterly report, 2.1.5–2.1.6).
Neither names a plan activity: the office links one from the activity's checklist
(``plans.evidence.link``), where an item asking for the kind offers it first."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.assessments import fives, services
from saisaat.assessments.models import FivesProgramme, Framework, Round
from saisaat.participation.evidence_workplace import record_pdf
from saisaat.plans.evidence import EvidenceSource, Snapshot
from saisaat.thai.calendar import format_thai_date

FIVES_PROGRAMME = "fives-programme"
FIVES_RESULTS = "fives-results"


def programmes(unit, fiscal_year: int):
    return FivesProgramme.objects.filter(unit=unit, fiscal_year=fiscal_year).select_related("unit")


def programme_snapshot(programme: FivesProgramme, on: date | None) -> Snapshot:
    day = on or timezone.localdate()
    title = _("5S programme of fiscal year %(year)s") % {"year": programme.fiscal_year}
    members = programme.working_group.order_by("last_name", "first_name")
    topics = fives.environment_by_topic(programme.unit, programme.fiscal_year)
    content = record_pdf(
        title,
        [
            (_("Office"), programme.unit.name_th),
            (_("5S measures"), programme.measures),
            (_("5S working group"), "\n".join(f"{m.full_name} {m.position}" for m in members)),
            (_("appointed by (order)"), programme.appointed_by),
            (
                _("Workplace-environment activities"),
                "\n".join(
                    f"{label}: " + " ".join(f"Q{q} {n}" for q, n in enumerate(counts, start=1))
                    for _topic, label, counts in topics
                ),
            ),
        ],
        on=day,
    )
    return Snapshot(
        content=content,
        filename=f"fives-programme-{programme.pk}.pdf",
        title=f"{title} {programme.unit.name_th}"[:300],
        effective_date=day,
    )


def published_rounds(unit, fiscal_year: int):
    """The published quarterly 5S rounds of the year the office ran or was inspected in."""
    return (
        Round.objects.filter(
            framework__kind=Framework.Kind.FIVE_S,
            fiscal_year=fiscal_year,
            quarter__isnull=False,
            status=Round.Status.PUBLISHED,
        )
        .filter(pk__in=Round.objects.filter(assessed_units=unit).values("pk"))
        .select_related("unit", "framework")
        .order_by("quarter")
    )


def results_snapshot(round_: Round, on: date | None) -> Snapshot:
    results = services.results(round_)
    rows = [
        (_("Office running it"), round_.unit.name_th),
        (
            _("Scoring period"),
            f"{format_thai_date(round_.opens_on)} – {format_thai_date(round_.closes_on)}",
        ),
        (
            _("Results"),
            "\n".join(
                f"{row.rank}. {row.unit.name_th} {row.score_display}" for row in results.ranking
            ),
        ),
    ]
    return Snapshot(
        content=record_pdf(round_.title, rows, on=on or timezone.localdate()),
        filename=f"fives-results-{round_.pk}.pdf",
        title=round_.title[:300],
        effective_date=(round_.published_at and round_.published_at.date()) or round_.closes_on,
    )


PROGRAMME_SOURCE = EvidenceSource(
    kind=FIVES_PROGRAMME,
    label=gettext_lazy("5S programme (measures and working group)"),
    records=programmes,
    placement=lambda record: None,
    snapshot=programme_snapshot,
    describe=lambda p: _("5S programme of fiscal year %(year)s") % {"year": p.fiscal_year},
)

RESULTS_SOURCE = EvidenceSource(
    kind=FIVES_RESULTS,
    label=gettext_lazy("Quarterly 5S inspection result"),
    records=published_rounds,
    placement=lambda record: None,
    snapshot=results_snapshot,
    describe=lambda r: r.title,
)
