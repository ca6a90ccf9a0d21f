"""Indicators: measurable facts with dated values, the evidence base a report cites."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crc_reporter.domain.records import IndicatorInfo, IndicatorValueInfo
from crc_reporter.i18n import N_, _
from crc_reporter.services.actions import get_action
from crc_reporter.services.common import check_version, recommendation_by_id
from crc_reporter.services.errors import NotFoundError, ValidationError
from crc_reporter.store.models import Indicator, IndicatorValue, indicator_recommendation


def _info(ind: Indicator) -> IndicatorInfo:
    return IndicatorInfo(
        id=ind.id,
        uuid=ind.uuid,
        name=ind.name,
        unit=ind.unit,
        source=ind.source,
        description=ind.description,
        values=tuple(
            IndicatorValueInfo(v.year, v.value, v.sex, v.age_group, v.province, v.note)
            for v in sorted(ind.values, key=lambda v: (v.year, v.sex or "", v.age_group or "", v.province or ""))
        ),
        recommendations=tuple(r.id for r in ind.recommendations),
        actions=tuple(a.id for a in ind.actions),
        version=ind.version,
    )


def get_indicator(session: Session, indicator_id: int) -> Indicator:
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFoundError(_("no indicator with id {id}").format(id=indicator_id))
    return ind


def list_indicators(
    session: Session, rec_id: int | None = None, rec_ids: Collection[int] | None = None
) -> list[IndicatorInfo]:
    """All indicators, or those linked to a recommendation (``rec_id``) or to any of ``rec_ids``."""
    stmt = select(Indicator).options(
        selectinload(Indicator.values), selectinload(Indicator.recommendations), selectinload(Indicator.actions)
    )
    if rec_id is not None:
        stmt = stmt.where(Indicator.recommendations.any(id=rec_id))
    if rec_ids is not None:
        linked = select(indicator_recommendation.c.indicator_id).where(
            indicator_recommendation.c.recommendation_id.in_(list(rec_ids))
        )
        stmt = stmt.where(Indicator.id.in_(linked))
    return [_info(i) for i in session.scalars(stmt.order_by(Indicator.name))]


def indicator_info(session: Session, indicator_id: int) -> IndicatorInfo:
    return _info(get_indicator(session, indicator_id))


def create_indicator(
    session: Session, name: str, *, unit: str = "", source: str = "", description: str = ""
) -> Indicator:
    if not name.strip():
        raise ValidationError(_("an indicator needs a name"))
    ind = Indicator(name=name.strip(), unit=unit, source=source, description=description)
    session.add(ind)
    session.flush()
    return ind


def update_indicator(
    session: Session, indicator_id: int, *, expected_version: int | None = None, **fields: object
) -> dict[str, object]:
    ind = get_indicator(session, indicator_id)
    check_version(ind, expected_version, fields, N_("this indicator"))
    unknown = set(fields) - {"name", "unit", "source", "description"}
    if unknown:
        raise ValidationError(_("cannot change {fields} of an indicator").format(fields=", ".join(sorted(unknown))))
    previous = {k: getattr(ind, k) for k in fields}
    for key, value in fields.items():
        setattr(ind, key, value)
    session.flush()
    return previous


class Series(TypedDict):
    """The disaggregation a value belongs to (each None for the total)."""

    sex: str | None
    age_group: str | None
    province: str | None


def set_value(
    session: Session,
    indicator_id: int,
    year: int,
    value: float | None,
    *,
    sex: str | None = None,
    age_group: str | None = None,
    province: str | None = None,
    note: str = "",
) -> float | None:
    """Set (or with ``value=None`` clear) the value for a year and disaggregation; returns the old value."""
    ind = get_indicator(session, indicator_id)
    if not 1900 <= year <= 2200:
        raise ValidationError(_("{year} is not a plausible year").format(year=year))
    row = session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.indicator_id == ind.id,
            IndicatorValue.year == year,
            IndicatorValue.sex.is_(None) if sex is None else IndicatorValue.sex == sex,
            IndicatorValue.age_group.is_(None) if age_group is None else IndicatorValue.age_group == age_group,
            IndicatorValue.province.is_(None) if province is None else IndicatorValue.province == province,
        )
    )
    old = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            IndicatorValue(
                indicator_id=ind.id,
                year=year,
                value=float(value),
                sex=sex,
                age_group=age_group,
                province=province,
                note=note,
            )
        )
    else:
        row.value = float(value)
        row.note = note or row.note
    session.flush()
    session.expire(ind, ["values"])
    return old


def link_recommendation(session: Session, indicator_id: int, rec_id: int, linked: bool = True) -> None:
    ind = get_indicator(session, indicator_id)
    rec = recommendation_by_id(session, rec_id)
    if linked and rec not in ind.recommendations:
        ind.recommendations.append(rec)
    elif not linked and rec in ind.recommendations:
        ind.recommendations.remove(rec)
    session.flush()


def link_action(session: Session, indicator_id: int, action_id: int, linked: bool = True) -> None:
    ind = get_indicator(session, indicator_id)
    action = get_action(session, action_id)
    if linked and action not in ind.actions:
        ind.actions.append(action)
    elif not linked and action in ind.actions:
        ind.actions.remove(action)
    session.flush()
