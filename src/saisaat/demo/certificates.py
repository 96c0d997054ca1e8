"""The demo anti-corruption course and its certificates."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import Certificate, Course
from saisaat.thai.calendar import fiscal_year_bounds

# Of every five people in a district office, how many hold the certificate: most offices
# reach the 80 % target, two (the fourth and the eighth) do not yet.
_DISTRICT_CERTIFIED = [5, 4, 5, 3, 4, 5, 4, 2, 5]


def seed_certificates_demo(province: Unit, fiscal_year: int) -> dict:
    """Anti-corruption certificates issued in ``fiscal_year`` for about 85 % of the
    provincial office and a mix in the districts; a second run adds nothing."""
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    span = (last_day - first_day).days - 30
    nacc = Course.objects.get(code="nacc-e-learning")
    pacc = Course.objects.get(code="pacc-e-learning")
    chosen: list[StaffMember] = []
    provincial = list(StaffMember.objects.active().filter(unit=province).order_by("pk"))
    # Every seventh person has not taken the course yet: 22 of 26 in the demo (85 %).
    chosen += [person for n, person in enumerate(provincial, start=1) if n % 7 != 0]
    districts = list(province.children.order_by("code"))
    for index, district in enumerate(districts):
        people = list(StaffMember.objects.active().filter(unit=district).order_by("pk"))
        share = _DISTRICT_CERTIFIED[index % len(_DISTRICT_CERTIFIED)] / 5
        chosen += people[: round(len(people) * share)]
    created = 0
    with transaction.atomic():
        for n, person in enumerate(chosen, start=1):
            course = pacc if n % 5 == 0 else nacc
            issued_on = first_day + timedelta(days=30 + (n * 37) % span)
            _certificate, was_created = Certificate.objects.get_or_create(
                staff=person,
                course=course,
                issued_on=issued_on,
                defaults={
                    "number": f"{course.code.split('-')[0].upper()}-{fiscal_year}-{n:05d}",
                    "recorded_by": person.user,
                },
            )
            created += was_created
    return {"certificates_created": created}
