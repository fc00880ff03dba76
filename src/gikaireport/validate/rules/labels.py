"""Label rules: row and column labels and the format version they belong to (GK2xx).

Both rules report deviations reading recorded; each is a row of :data:`LABEL_RULES` (see
:mod:`gikaireport.validate.deviation_rules`).
"""

from __future__ import annotations

from gikaireport.model import Deviation, DeviationKind, Report
from gikaireport.validate.deviation_rules import DeviationRule, register
from gikaireport.validate.engine import Example
from gikaireport.validate.examples import example_report
from gikaireport.validate.finding import Severity

__all__: list[str] = []

_PLAIN = Example("A report printed with the official labels.", lambda: (example_report(),))


def _with(deviation: Deviation) -> tuple[Report, ...]:
    return (example_report(deviations=(deviation,)),)


LABEL_RULES = (
    DeviationRule(
        (DeviationKind.LABEL_VARIANT,),
        "GK201",
        "label-variant",
        "labels",
        Severity.WARNING,
        summary="A row or column label is misspelt or worded differently from the official label.",
        message="标签“{found}”应为规定标签“{official}”",
        message_en="label {found!r} stands for the official label {official!r}{cells_en}",
        fix=(
            "将行、列标签改为国家模板的规定写法（发现中给出规定标签，如“本年废止件数”“行政规范性"
            "文件”）。"
        ),
        fix_en=(
            "Print the official label of the national template named in the finding (for "
            "example 本年废止件数, 行政规范性文件)."
        ),
        failing=Example(
            "The column 本年废止件数 is headed 本年度止件数 (seed 000).",
            lambda: _with(
                Deviation(
                    DeviationKind.LABEL_VARIANT,
                    "表头“本年度止件数”应为“本年废止件数”",
                    ("proactive.regulations.repealed", "proactive.normative_documents.repealed"),
                    None,
                    "本年废止件数",
                    "本年度止件数",
                )
            ),
        ),
        doc="""Check that rows and columns carry their official labels.

        The format's labels are fixed; real reports print typos (本年度止件数 for 本年废止件数),
        older names (规范性文件 for 行政规范性文件) and wrong headers copied from another block
        (本年处理决定数量 over the fee column). The numbers were read under the official label
        the variant is known to stand for; the finding names that label and the cells concerned.
        """,
    ),
    DeviationRule(
        (DeviationKind.MIXED_VERSION,),
        "GK202",
        "mixed-version",
        "labels",
        Severity.WARNING,
        summary="A report mixes the labels of the 2021 and the 2019 format.",
        message="按{version}年版格式（{format_name}）填报，但印有另一版本的标签：{found}",
        message_en=(
            "the report follows the {version} format but prints labels of the other version: "
            "{found}"
        ),
        fix=(
            "全文统一使用同一版格式的表格和标签：2021年及以后的报告使用国办公开办函〔2021〕30号的"
            "新版表格，不再沿用2019年版的“本年新制作数量”等标签。"
        ),
        fix_en=(
            "Use one format's tables and labels throughout: reports on 2021 and later use the "
            "tables of 国办公开办函〔2021〕30号, without the 2019 labels such as 本年新制作数量."
        ),
        failing=Example(
            "A 2022 report in the 2021 format prints the 2019 column 本年新制作数量.",
            lambda: _with(
                Deviation(
                    DeviationKind.MIXED_VERSION,
                    "按2021年版格式填报，但印有另一版本的标签：本年新制作数量",
                    (),
                    None,
                    "国办公开办函〔2021〕30号",
                    "本年新制作数量",
                )
            ),
        ),
        doc="""Check that a report keeps to one version of the format.

        Reports for 2021 and later use the 国办公开办函〔2021〕30号 format; many still print a
        block of the 2019 (试行) table (本年新制作数量, 上一年项目数量 ...). The numbers of such a
        block do not mean what the current columns mean, so they need a look by eye.
        """,
        params=lambda report, _: {
            "version": report.format_version,
            "format_name": report.spec.name,
        },
    ),
)
"""The label rules, one row each: the deviation kinds a rule reports and its metadata."""

register(LABEL_RULES, _PLAIN)
