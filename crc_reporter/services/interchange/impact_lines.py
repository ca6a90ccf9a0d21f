"""The lines of IMPACT OSS in use, and what each one's batch import takes.

Read from the partners' own code (never copied; the rules below are ours):

* client ``impactoss/impactoss-client``: ``app/utils/import.js``, ``app/themes/config.js``
  (``ENTITY_FIELDS``, ``DATE_FORMAT``, ``IGNORE_ROW_TAG``), ``app/utils/entities.js``
  (``checkAttribute``), the import pages ``app/containers/{Recommendation,Action,Indicator}Import``
  and ``app/components/forms/validators/validate-date-format.js``, on the branches
  ``main`` (32a16da4, the demo line), ``nz-production`` (39ced2ad, New Zealand's live
  tracker) and ``sg-dev`` (7a1463fd, the Scottish line);
* server ``impactoss/impactoss-server`` ``master`` (6a7a5270): ``db/seeds.rb`` (taxonomies
  and categories' short titles), ``app/models/{recommendation,measure,indicator}.rb``
  (``title`` required, ``reference`` required and unique).

What differs between the lines:

* ``main`` imports ``framework_id`` (required there); ``nz-production`` marks it
  ``skipImport`` but still runs ``validateType`` on a column of that name, which
  finds no field and throws: the column must not be there; ``sg-dev`` sets
  framework 1 itself and leaves the column out of its template.
* Dates: ``main`` and ``sg-dev`` parse ``dd/MM/yyyy`` (exactly ten characters);
  ``nz-production`` checks ``yyyy-MM-dd`` and silently drops any other value.
* ``sg-dev`` has no government response or support level (commented out) and no
  action or indicator import (routes commented out): recommendations only.
* Indicators take ``[rel:recommendation-reference]`` on ``main`` only.
* Category short titles are looked up across all taxonomies; ``nz-production``
  also accepts a category's title when it has no short title (the seeded
  "Progress status" categories have none).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImpactLine:
    key: str
    branch: str
    date_format: str  # strftime
    framework_column: bool
    response_columns: bool
    actions: bool
    indicators: bool
    indicator_recommendations: bool
    category_title_fallback: bool


LINES: dict[str, ImpactLine] = {
    "main": ImpactLine("main", "main", "%d/%m/%Y", True, True, True, True, True, False),
    "nz": ImpactLine("nz", "nz-production", "%Y-%m-%d", False, True, True, True, False, True),
    "scotland": ImpactLine("scotland", "sg-dev", "%d/%m/%Y", False, False, False, False, False, False),
}
DEFAULT_LINE = "main"
