"""Deployment model and strategy: constraints first, then the model's rules, first match wins.

The legal constraints in `ENGINE_CONSTRAINTS` come before anything a model
file says and no weight can touch them (they read inventory facts only).
A constraint limits the outcomes an application may get:

- a constraint allowing one outcome decides it outright (its reason shows);
- otherwise the model's first matching rule decides, and if its outcome is
  not allowed, the first constraint that forbids it picks its own first
  allowed outcome and gives the reason.

Model constraints follow the engine's; one that would leave nothing allowed
for an application is skipped for it, so the legal layer always wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model.schema import Condition, Constraint
from cloudfit.vocabulary import STATE_SECRET_CODES

_CLASSIFIED = Condition(field="state_secret", op="in", value=list(STATE_SECRET_CODES))

ENGINE_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        id="hard.state_secret",
        when=_CLASSIFIED,
        deployment=["on_premises"],
        strategy=["retain"],
        reason="Classified under Law 29/2018 on State Secrets: state-secret information may not be kept on "
        "networked computers, so the system stays on premises and is retained. A LAN is a network too: "
        "check that the system is isolated.",
        reason_vi="Thuộc bí mật nhà nước theo Luật Bảo vệ bí mật nhà nước 29/2018/QH14: thông tin bí mật nhà "
        "nước không được lưu giữ trên máy tính kết nối mạng, nên hệ thống giữ tại chỗ và giữ nguyên. "
        "Mạng LAN cũng là mạng: cần kiểm tra hệ thống được cách ly.",
        kind="law",
        cites=["law_29_2018:art5"],
    ),
    Constraint(
        id="hard.national_database",
        when=Condition(
            all=[Condition(field="national_database", op="is_true"), Condition(**{"not": _CLASSIFIED})]
        ),
        deployment=["private"],
        reason="A national database runs in the government private cloud (the National Data Center).",
        reason_vi="Cơ sở dữ liệu quốc gia vận hành trên đám mây riêng của Chính phủ (Trung tâm dữ liệu quốc "
        "gia).",
        kind="policy",
        basis="cloudfit policy following the government's plan to host national databases at the National "
        "Data Center under the national cloud programme; no article quoted here requires it.",
        basis_vi="Chính sách của cloudfit theo kế hoạch của Chính phủ đặt các cơ sở dữ liệu quốc gia tại Trung"
        " tâm dữ liệu quốc gia trong chương trình điện toán đám mây quốc gia; không điều khoản nào "
        "được trích dẫn ở đây bắt buộc điều này.",
        cites=["decision_1121_2025"],
    ),
    Constraint(
        id="hard.security_level",
        when=Condition(field="security_level", op="ge", value=4),
        deployment=["private", "on_premises"],
        reason="Security level 4 or 5: not on public cloud (nor a hybrid with public parts); government "
        "private cloud.",
        reason_vi="Cấp độ 4 hoặc 5: không đưa lên đám mây công cộng (kể cả đám mây lai có thành phần công "
        "cộng); dùng đám mây riêng của Chính phủ.",
        kind="policy",
        basis="cloudfit policy: it follows the stricter separation Circular 12/2022 requires at levels 4-5, "
        "but no article of Law 86/2015, Decree 85/2016 or Circular 12/2022 says 'never public'.",
        basis_vi="Chính sách của cloudfit: theo yêu cầu tách biệt chặt chẽ hơn của Thông tư 12/2022/TT-BTTTT ở"
        " cấp độ 4-5, nhưng không điều khoản nào của Luật 86/2015/QH13, Nghị định 85/2016/NĐ-CP hay "
        "Thông tư 12/2022/TT-BTTTT quy định 'không bao giờ dùng đám mây công cộng'.",
        cites=["law_86_2015:art21", "circular_12_2022"],
    ),
    Constraint(
        id="hard.stays_on_premises",
        when=Condition(field="deployment", op="eq", value="on_premises"),
        strategy=["retain", "retire"],
        reason="A system that stays on premises is retained (or retired), not migrated.",
        reason_vi="Hệ thống giữ tại chỗ thì được giữ nguyên (hoặc ngừng sử dụng), không chuyển đổi.",
        kind="policy",
        basis="Follows from the deployment: nothing moves to a cloud, so no migration strategy applies.",
        basis_vi="Theo mô hình triển khai: không chuyển lên đám mây nên không áp dụng chiến lược chuyển đổi.",
    ),
)


@dataclass(frozen=True)
class Decider:
    """A constraint or a rule that can decide an outcome, as an explanation shows it."""

    id: str
    kind: str  # 'constraint' or 'rule'
    reason: str
    basis: str
    when: Condition | None
    legal_kind: str = "policy"  # 'law' or 'policy'
    cites: tuple[str, ...] = ()
    reason_vi: str = ""  # the same in Vietnamese ('' when the model gives none)
    basis_vi: str = ""


@dataclass(frozen=True)
class Decision:
    outcome: np.ndarray  # n int64: index into the outcome vocabulary
    decider: np.ndarray  # n int64: index into `deciders`
    deciders: tuple[Decider, ...]
    constraint_ids: tuple[str, ...]
    matched: np.ndarray  # n x constraints bool: which constraints applied
    allowed: np.ndarray  # n int64 bit mask of the outcomes the constraints allow


def _bits(outcomes: Sequence[str], chosen: Sequence[str]) -> int:
    return sum(1 << outcomes.index(o) for o in chosen)


def decide(
    kind: str, outcomes: Sequence[str], constraints: Sequence[Constraint], rules: Sequence, inputs: Inputs
) -> Decision:
    """`kind` is 'deployment' or 'strategy'; rules end with a catch-all (checked at load)."""
    relevant = [c for c in constraints if getattr(c, kind) is not None]
    n = inputs.n
    allowed = np.full(n, (1 << len(outcomes)) - 1, dtype=np.int64)
    matched = np.zeros((n, len(relevant)), dtype=bool)
    bits = [_bits(outcomes, getattr(c, kind)) for c in relevant]
    for j, con in enumerate(relevant):
        m = evaluate(con.when, inputs) & ((allowed & bits[j]) != 0)
        allowed = np.where(m, allowed & bits[j], allowed)
        matched[:, j] = m

    rule_idx = np.full(n, -1, dtype=np.int64)
    for k, rule in enumerate(rules):
        m = (rule_idx == -1) & evaluate(rule.when, inputs)
        rule_idx[m] = k
    outcome = np.array([outcomes.index(r.outcome) for r in rules], dtype=np.int64)[rule_idx]
    decider = len(relevant) + rule_idx
    ok = ((allowed >> outcome) & 1) == 1

    use = np.full(n, -1, dtype=np.int64)
    for j in reversed(range(len(relevant))):
        forbids = matched[:, j] & (((bits[j] >> outcome) & 1) == 0) & ~ok
        use = np.where(forbids, j, use)
    for j in reversed(range(len(relevant))):
        if len(getattr(relevant[j], kind)) == 1:
            use = np.where(matched[:, j], j, use)
    for j, con in enumerate(relevant):
        rows = use == j
        if not rows.any():
            continue
        preferred = np.full(n, -1, dtype=np.int64)
        for name in reversed(getattr(con, kind)):
            code = outcomes.index(name)
            preferred = np.where(((allowed >> code) & 1) == 1, code, preferred)
        outcome = np.where(rows, preferred, outcome)
        decider = np.where(rows, j, decider)

    deciders = tuple(decider_of(c, "constraint") for c in relevant) + tuple(
        decider_of(r, "rule") for r in rules
    )
    return Decision(outcome, decider, deciders, tuple(c.id for c in relevant), matched, allowed)


def decider_of(item: Any, role: str) -> Decider:
    """A constraint or rule of the model as the explanation shows it."""
    return Decider(
        item.id,
        role,
        item.reason,
        item.basis,
        item.when,
        item.kind,
        tuple(item.cites),
        item.reason_vi,
        item.basis_vi,
    )
