"""Score fusion of the lexical and the dense side, each normalised per query (z-scores over the candidates).

Why z-scores: the two sides' raw scores live on different scales. The lexical score is 0..1 (1 for the query's best
match); multilingual-e5 cosine similarities sit in a narrow band (about 0.7–0.9), so adding them to the lexical score
decides little, and a fixed weight that suits one query overrules the other side on the next. Per query, each side's
scores over the candidates (the union of both sides' top candidate_k) are turned into z-scores — how far above that
query's typical candidate a passage lies — and added with the dense side's weight. A candidate the dense side did not
return gets the lowest similarity it did return: an upper bound that never lifts it above a returned one.

Measured (2026-12-07, e5 dense side, this project's chunking and German lexical side; `scripts/fusion_study.py`),
MRR@10 at dense weight 0.75 / 1.0 / 1.25 / 1.5 / 2.0:
- XQuAD-de even articles (tuning): 0.968 / 0.970 / 0.971 / 0.971 / 0.968 (lexical 0.948, dense 0.938);
- XQuAD-de odd articles (held out): 0.985 / 0.985 / 0.983 / 0.982 / 0.980 (lexical 0.963, dense 0.955);
- golden SME set (tuning, 92 questions): 0.921 / 0.921 / 0.915 / 0.914 / 0.914 (lexical 0.853, dense 0.876).
A plateau from 0.75 to 1.5; 1.0 is on it for every set. Not kept: the previous rule (lexical + a dense weight that
grows with lexical ties: 0.967 on XQuAD-de), min-max normalisation and weighted RRF (within 0.003 of z-scores, never
above on both halves). golden_heldout.yaml was only reported, never tuned on.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean, pstdev


@dataclass(frozen=True)
class FusionWeights:
    """The dense side's weight against the lexical side's (both as z-scores)."""

    dense: float = 1.0


def _z(values: list[float]) -> list[float]:
    spread = pstdev(values) if len(values) > 1 else 0.0
    if spread <= 1e-9:
        return [0.0] * len(values)
    mean = fmean(values)
    return [(v - mean) / spread for v in values]


def fuse(lexical: dict[str, float], dense: dict[str, float], weights: FusionWeights) -> dict[str, float]:
    """Fused score per candidate chunk id.

    `lexical`: normalised lexical score (best = 1) of every candidate, 0 when its terms are absent.
    `dense`: cosine similarity of the dense side's candidates.
    """
    ids = sorted(lexical.keys() | dense.keys())
    if not ids:
        return {}
    floor = min(dense.values(), default=0.0)
    lexical_z = _z([lexical.get(cid, 0.0) for cid in ids])
    dense_z = _z([dense.get(cid, floor) for cid in ids])
    return {cid: lz + weights.dense * dz for cid, lz, dz in zip(ids, lexical_z, dense_z, strict=True)}
