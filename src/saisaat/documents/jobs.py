"""The documents' exports that can take seconds or minutes, run by the background worker:
the evidence bundle (every file of a unit, or of a whole province, in one ZIP) and the
quarterly report of a province with all its districts. Registered with the job runner
from ``DocumentsConfig.ready``."""

from django.utils.translation import gettext_lazy as _

from saisaat.core.downloads import XLSX_TYPE
from saisaat.documents import exports
from saisaat.documents.quarterly import NoPlan, build_quarterly_report
from saisaat.jobs.registry import JobError, Result, register
from saisaat.orgs.models import Unit
from saisaat.plans.models import Plan

EVIDENCE_BUNDLE = "documents.evidence_bundle"
QUARTERLY_XLSX = "documents.quarterly_xlsx"


def _unit_of(job) -> Unit:
    """The unit the export is of, if its owner may still see it (the job may have waited)."""
    unit = job.owner.visible_units().filter(code=job.parameters.get("unit")).first()
    if unit is None:
        raise JobError(_("You may no longer see this unit's records."))
    return unit


def evidence_bundle(job, progress) -> Result:
    """``parameters``: ``unit`` (code), ``plan`` (id), ``dimension`` (a number or None for
    every dimension), ``all`` (every unit of the province)."""
    unit = _unit_of(job)
    plan = Plan.objects.filter(pk=job.parameters.get("plan")).first()
    if plan is None:
        raise JobError(_("The plan of this export no longer exists."))
    every_unit = job.parameters.get("all") and unit.kind == Unit.Kind.PROVINCE
    units = exports.plan_units(plan) if every_unit else [unit]
    bundle = exports.build_evidence_bundle(
        units, plan, job.parameters.get("dimension"), label=unit.code, progress=progress
    )
    return Result(bundle.file, bundle.filename, "application/zip")


def quarterly_xlsx(job, progress) -> Result:
    """``parameters``: ``unit`` (code), ``year`` (B.E.), ``quarter`` (1-4)."""
    unit = _unit_of(job)
    try:
        report = build_quarterly_report(unit, job.parameters["year"], job.parameters["quarter"])
    except NoPlan:
        raise JobError(_("There is no plan of this unit for that fiscal year.")) from None
    progress(1, 2)
    return Result(
        exports.quarterly_xlsx(report),
        f"quarterly-{unit.code}-{report.fiscal_year}-q{report.quarter}.xlsx",
        XLSX_TYPE,
    )


def register_jobs() -> None:
    register(EVIDENCE_BUNDLE, label=_("Evidence bundle (ZIP)"), run=evidence_bundle)
    register(QUARTERLY_XLSX, label=_("Quarterly report (XLSX)"), run=quarterly_xlsx)
