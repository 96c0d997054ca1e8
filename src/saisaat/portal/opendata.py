"""The portal's public figures as open data (CSV and JSON), with their OpenAPI document.

Each dataset is computed by the same function as the page that shows it: plan progress
(``public.plan_progress``, the portal's home), complaint statistics
(``complaints.statistics.complaint_statistics``, the public statistics page), spending
(``budget.summary.build_overview``, the portal's budget page) and survey results
(``surveys.results.compute_results``, the portal's survey page). Nothing personal: counts,
sums and averages only, never a free-text answer or a name.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.budget.summary import build_overview
from saisaat.complaints.statistics import complaint_statistics
from saisaat.core.spreadsheets import csv_text
from saisaat.orgs.models import Unit
from saisaat.portal.public import plan_progress, public_surveys
from saisaat.surveys.models import Question, Survey
from saisaat.surveys.results import compute_results
from saisaat.thai.calendar import format_thai_month

FORMATS = ("csv", "json")
# OpenAPI types of the columns; money and percents travel as exact decimal strings.
TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "string", "format": "decimal", "pattern": r"^-?\d+\.\d{2}$"},
    "number": {"type": ["number", "null"]},
    "date": {"type": "string", "format": "date"},
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object  # a lazy translation
    description: str
    columns: tuple[Column, ...]
    rows: Callable[..., list[dict]]
    provinces_only: bool = False


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value.quantize(Decimal('0.01'))}"


def plan_progress_rows(unit: Unit, year: int) -> list[dict]:
    return [
        {
            "office_code": row["unit__code"],
            "office_name": row["unit__name_th"],
            "fiscal_year": row["plan__fiscal_year"],
            "activities": row["total"],
            "approved": row["approved"],
            "percent_approved": row["percent"],
        }
        for row in plan_progress(Unit.objects.within(unit), year)
    ]


def complaint_rows(unit: Unit, year: int) -> list[dict]:
    stats = complaint_statistics(unit, year)

    def row(measure, label, count, month=""):
        return {
            "fiscal_year": year,
            "measure": measure,
            "label": str(label),
            "month": month,
            "count": count,
        }

    rows = [
        row("total", _("All complaints"), stats.total),
        row("finished", _("Finished"), stats.finished),
        row("in_progress", _("In progress"), stats.in_progress),
    ]
    rows += [row("channel", label, count) for label, count in stats.by_channel]
    rows += [row("category", label, count) for label, count in stats.by_category]
    rows += [
        row("month", format_thai_month(month), count, month.isoformat())
        for month, count in stats.by_month
    ]
    return rows


def budget_rows(unit: Unit, year: int) -> list[dict]:
    overview = build_overview(unit, year, rolled_up=False)
    return [
        {
            "fiscal_year": year,
            "month": month.start.isoformat(),
            "month_name": format_thai_month(month.start),
            "planned": _money(month.planned),
            "disbursed": _money(month.disbursed),
            "cumulative_planned": _money(month.cumulative_planned),
            "cumulative_disbursed": _money(month.cumulative_disbursed),
            "target_percent": _percent(month.target),
        }
        for month in overview.months
    ]


def survey_rows(unit: Unit, year: int) -> list[dict]:
    return [
        {
            "survey_id": survey.pk,
            "fiscal_year": survey.fiscal_year,
            "title": survey.title,
            "responses": survey.response_count,
        }
        for survey in public_surveys(unit, year)
    ]


def survey_result_rows(survey: Survey) -> list[dict]:
    """One row per question (its average on the 1-5 scale) and per option of a choice
    question (how many chose it). Free-text answers are never published."""
    results = compute_results(survey, public=True)
    rows = []
    number = 0
    for section in results.sections:
        for result in section.questions:
            number += 1
            question = result.question
            base = {
                "section": section.section.title,
                "question_number": number,
                "question": question.text,
                "kind": question.kind,
                "answered": result.answered,
            }
            if question.kind == Question.Kind.SCALE:
                mean = result.scale.mean if result.scale else None
                rows.append(
                    {
                        **base,
                        "mean": None if mean is None else round(mean, 2),
                        "option": "",
                        "count": result.answered,
                        "percent": None,
                    }
                )
            elif result.choices:
                rows += [
                    {
                        **base,
                        "mean": None,
                        "option": choice.choice.text,
                        "count": choice.count,
                        "percent": None if choice.percent is None else round(choice.percent, 2),
                    }
                    for choice in result.choices
                ]
            else:
                rows.append(
                    {**base, "mean": None, "option": "", "count": result.answered, "percent": None}
                )
    return rows


YEAR = Column("fiscal_year", "integer", "Fiscal year (Buddhist era)")
DATASETS = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            "plan-progress",
            gettext_lazy("Plan progress per office"),
            "The office and every office below it: the activities of the year's plan "
            "assigned to each and how many are done and approved.",
            (
                Column("office_code", "string", "Office code"),
                Column("office_name", "string", "Office name (Thai)"),
                YEAR,
                Column("activities", "integer", "Activities assigned to the office"),
                Column("approved", "integer", "Activities done and approved"),
                Column("percent_approved", "integer", "Percent approved, rounded"),
            ),
            plan_progress_rows,
        ),
        Dataset(
            "complaint-statistics",
            gettext_lazy("Complaint statistics"),
            "Complaints received in the fiscal year: totals, by channel, by category and "
            "by month. Published per province only (a district's count could point at a "
            "person); a district office answers 404.",
            (
                YEAR,
                Column(
                    "measure", "string", "total, finished, in_progress, channel, category or month"
                ),
                Column("label", "string", "What is counted (Thai)"),
                Column("month", "string", "First day of the month (ISO 8601) for measure=month"),
                Column("count", "integer", "Number of complaints"),
            ),
            complaint_rows,
            provinces_only=True,
        ),
        Dataset(
            "budget",
            gettext_lazy("Spending plan and disbursement"),
            "The office's own budget by month of the fiscal year: planned and disbursed "
            "amounts in baht (exact to the satang), cumulative, and the government's "
            "cumulative disbursement target in percent.",
            (
                YEAR,
                Column("month", "date", "First day of the month (ISO 8601)"),
                Column("month_name", "string", "Month (Thai, Buddhist era)"),
                Column("planned", "decimal", "Planned, baht"),
                Column("disbursed", "decimal", "Disbursed, baht"),
                Column("cumulative_planned", "decimal", "Planned since October, baht"),
                Column("cumulative_disbursed", "decimal", "Disbursed since October, baht"),
                Column("target_percent", "decimal", "Cumulative disbursement target, percent"),
            ),
            budget_rows,
        ),
        Dataset(
            "surveys",
            gettext_lazy("Published satisfaction surveys"),
            "The office's surveys whose results it published, with their response counts; "
            "each survey's results are at data/surveys/{survey_id}.{format}.",
            (
                Column("survey_id", "integer", "Survey number"),
                YEAR,
                Column("title", "string", "Title (Thai)"),
                Column("responses", "integer", "Responses received"),
            ),
            survey_rows,
        ),
    )
}
SURVEY_RESULTS = Dataset(
    "survey-results",
    gettext_lazy("Survey results"),
    "One published survey: per question the respondents and the average on the 1-5 "
    "scale, per option of a choice question how many chose it. Free-text answers are "
    "never published.",
    (
        Column("section", "string", "Section title (Thai)"),
        Column("question_number", "integer", "Question number in the survey"),
        Column("question", "string", "Question (Thai)"),
        Column("kind", "string", "scale, single, multiple or text"),
        Column("answered", "integer", "Respondents who answered the question"),
        Column("mean", "number", "Average score 1-5 (scale questions), else null"),
        Column("option", "string", "The option counted (choice questions)"),
        Column("count", "integer", "Respondents who chose the option, or who answered"),
        Column("percent", "number", "Percent of the question's respondents, else null"),
    ),
    survey_result_rows,
)


def as_csv(dataset: Dataset, rows: list[dict]) -> bytes:
    """UTF-8 with a BOM (Excel then reads the Thai), every typed text formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [column.name for column in dataset.columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row[name] is None else csv_text(row[name]) for name in names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_json(dataset: Dataset, rows: list[dict], **meta) -> bytes:
    document = {"dataset": dataset.name, **meta, "columns": [c.name for c in dataset.columns]}
    document["rows"] = rows
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _row_schema(dataset: Dataset) -> dict:
    return {
        "type": "object",
        "required": [column.name for column in dataset.columns],
        "properties": {
            column.name: {**TYPES[column.type], "description": column.description}
            for column in dataset.columns
        },
    }


def _responses(dataset: Dataset) -> dict:
    schema_ref = {"$ref": f"#/components/schemas/{_schema_name(dataset)}"}
    return {
        "200": {
            "description": str(dataset.title),
            "content": {
                "application/json": {"schema": schema_ref},
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": ",".join(c.name for c in dataset.columns),
                },
            },
        },
        "400": {"description": "A fiscal year that is not a Buddhist-era year"},
        "404": {"description": "No such office (or format)"},
    }


def _schema_name(dataset: Dataset) -> str:
    return "".join(part.capitalize() for part in dataset.name.split("-"))


CODE = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "Office code, e.g. 43 (a province) or 4301 (a district office)",
    "schema": {"type": "string"},
}
FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": list(FORMATS)},
}
YEAR_PARAMETER = {
    "name": "year",
    "in": "query",
    "required": False,
    "description": "Fiscal year in the Buddhist era (default: the current one)",
    "schema": {"type": "integer", "minimum": 2500, "maximum": 2700},
}


def openapi_document(server_url: str) -> dict:
    """OpenAPI 3.1: one path per dataset, each row's columns as a schema."""
    paths, schemas = {}, {}
    for dataset in (*DATASETS.values(), SURVEY_RESULTS):
        schemas[_schema_name(dataset)] = {
            "type": "object",
            "required": ["dataset", "office", "columns", "rows"],
            "properties": {
                "dataset": {"const": dataset.name},
                "office": {"type": "string"},
                "fiscal_year": {"type": "integer"},
                "columns": {"type": "array", "items": {"type": "string"}},
                "rows": {"type": "array", "items": _row_schema(dataset)},
            },
        }
    for dataset in DATASETS.values():
        paths[f"/portal/{{code}}/data/{dataset.name}.{{format}}"] = {
            "get": {
                "operationId": dataset.name.replace("-", "_"),
                "summary": str(dataset.title),
                "description": dataset.description,
                "parameters": [CODE, FORMAT, YEAR_PARAMETER],
                "responses": _responses(dataset),
            }
        }
    paths["/portal/{code}/data/surveys/{survey_id}.{format}"] = {
        "get": {
            "operationId": "survey_results",
            "summary": str(SURVEY_RESULTS.title),
            "description": SURVEY_RESULTS.description,
            "parameters": [
                CODE,
                {
                    "name": "survey_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
                FORMAT,
            ],
            "responses": _responses(SURVEY_RESULTS),
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Saisaat open data",
            "version": "1",
            "description": "Public figures of each office's integrity and transparency "
            "programme: counts, sums and averages only, nothing personal. CSV is UTF-8 with "
            "a byte-order mark.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
