"""Checks for notebook 06 (character language models). Used in: 06."""
from __future__ import annotations

import numbers

import numpy as np

from helpers.exercises import exercise


@exercise("06.1", hint="perplexity = exp(-(log 0.5 + log 0.25 + log 0.125) / 3): 확률의 기하 평균의 역수입니다.",
          wrong=lambda: [14 / 3, 1.3863, 0.2917, 8.0, "4"])
def perplexity_of_three(answer):
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return f"숫자 하나로 답하세요 (지금은 {type(answer).__name__})."
    if abs(answer - 14 / 3) < 1e-3:
        return "1/p 의 산술 평균입니다. 퍼플렉서티는 -log p 의 평균에 exp를 취한 것(기하 평균)입니다."
    if abs(answer - 2 * np.log(2)) < 1e-3:
        return "그것은 교차 엔트로피 L 입니다. 퍼플렉서티는 e^L 입니다."
    if abs(answer - 4.0) > 1e-6:
        return f"{answer} 가 아닙니다."
    return None


def _reference_softmax(logits, temperature):
    z = np.asarray(logits, dtype=float) / temperature
    e = np.exp(z - z.max())
    return e / e.sum()


def _plain_softmax(logits, temperature):
    e = np.exp(np.asarray(logits, dtype=float))
    return e / e.sum()


def _times_t(logits, temperature):
    e = np.exp(np.asarray(logits, dtype=float) * temperature)
    return e / e.sum()


def _unstable(logits, temperature):
    e = np.exp(np.asarray(logits, dtype=float) / temperature)
    return e / e.sum()


@exercise("06.2", hint="z = logits / T; 최댓값을 뺀 뒤 exp, 그리고 합으로 나누기.",
          wrong=lambda: [_plain_softmax, _times_t, _unstable, np.exp, "softmax"])
def temperature_softmax(answer):
    if not callable(answer):
        return "함수 answer_06_2(logits, temperature) 를 답으로 주세요."
    cases = [([2.0, 1.0, 0.0], 0.5), ([2.0, 1.0, 0.0], 1.0), ([2.0, 1.0, 0.0], 2.0),
             ([0.3, -1.2, 4.0, 0.0], 0.7), ([1000.0, 999.0, 0.0], 1.0)]
    for logits, t in cases:
        with np.errstate(all="ignore"):
            got = np.asarray(answer(np.array(logits), t), dtype=float)
        want = _reference_softmax(logits, t)
        if got.shape != want.shape or not np.all(np.isfinite(got)):
            return f"logits={logits}, T={t}: 유한한 확률 {len(logits)}개가 나와야 합니다 (got {got})."
        if not np.allclose(got, want, atol=1e-6):
            return f"logits={logits}, T={t}: {np.round(want, 3)} 이어야 하는데 {np.round(got, 3)} 입니다."
    return None


@exercise("06.3", hint="윈도 k 는 3k 에서 시작; 입력 s[i:i+4], 목표 s[i+1:i+5]; 5글자가 남아 있는 시작 위치만.",
          wrong=lambda: [[("hell", "ello"), ("lo w", "o wo"), ("worl", "orld"), ("ld", "d")],
                         [("hell", "ello"), ("lo w", "o wo")],
                         [("hell", "o"), ("lo w", "o"), ("worl", "d")],
                         [("hell", "ello"), ("ello", "llo "), ("llo ", "lo w")], "hell"])
def ship_style_windows(answer):
    s = "hello world"
    want = [(s[i:i + 4], s[i + 1:i + 5]) for i in range(0, len(s) - 4, 3)]
    if not isinstance(answer, (list, tuple)) or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in answer):
        return "(입력, 목표) 문자열 쌍의 리스트로 답하세요."
    got = [tuple(p) for p in answer]
    if any(len(a) != 4 for a, _ in got):
        return "입력 윈도는 모두 길이 4여야 합니다: 끝에서 5글자가 안 남으면 윈도를 만들지 않습니다."
    if any(len(b) != 4 for _, b in got):
        return "many-to-many 목표는 입력과 같은 길이(4)이고 한 칸 밀린 문자열입니다."
    if got != want:
        return f"윈도 {len(want)}개, 시작 위치 0, 3, 6 이어야 합니다 (지금 {len(got)}개)."
    return None
