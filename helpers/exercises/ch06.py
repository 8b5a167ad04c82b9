"""Checks for notebook 06 (character language models). Used in: 06."""
from __future__ import annotations

import numpy as np

from helpers.exercises import checks, exercise

# 06.1: the probabilities a model gave the right characters (not a geometric sequence: 1/median(p) is not the answer)
PROBS_06_1 = (0.5, 0.2, 0.1)


@exercise("06.1", hint="perplexity = exp(-(log 0.5 + log 0.2 + log 0.1) / 3): 정답 확률의 기하 평균의 역수입니다.",
          wrong=lambda: [1 / 0.2,                                   # 1 / median(p)
                         float(np.mean(1 / np.array(PROBS_06_1))),  # arithmetic mean of 1/p
                         1 / float(np.mean(PROBS_06_1)),            # 1 / arithmetic mean of p
                         float(-np.mean(np.log(PROBS_06_1))),       # the cross-entropy L itself
                         float(np.exp(-np.sum(np.log(PROBS_06_1)))),  # sum instead of mean: 100
                         float(np.exp(np.mean(np.log(PROBS_06_1)))),  # the geometric mean of p, not its inverse
                         2 ** float(-np.mean(np.log(PROBS_06_1))),  # 2^L with L in nats
                         4.0,                                       # the old example's answer
                         "4.64", True, [4.64]])
def perplexity_of_three(answer):
    if problem := checks.not_real(answer):
        return problem
    p = np.array(PROBS_06_1)
    want = float(np.exp(-np.mean(np.log(p))))
    value = float(answer)
    if abs(value - np.mean(1 / p)) < 1e-3:
        return "1/p 의 산술 평균입니다. 퍼플렉서티는 -log p 의 평균에 exp를 취한 것(기하 평균)입니다."
    if abs(value + np.mean(np.log(p))) < 1e-3:
        return "그것은 교차 엔트로피 L 입니다. 퍼플렉서티는 e^L 입니다."
    if abs(value - 1 / np.median(p)) < 1e-3:
        return "1/중앙값 입니다. 세 확률을 모두 쓰는 기하 평균이어야 합니다."
    if abs(value - want) > 1e-3 * want:
        return checks.not_this(answer)
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


def _shift_before_dividing(logits, temperature):
    # subtracts max(z) but divides by T first: exp(z / T - max(z)) overflows when T < 1
    z = np.asarray(logits, dtype=float)
    e = np.exp(z / temperature - z.max())
    return e / e.sum()


def _not_normalised(logits, temperature):
    z = np.asarray(logits, dtype=float) / temperature
    return np.exp(z - z.max())


def _greedy(logits, temperature):
    z = np.asarray(logits, dtype=float)
    return (z == z.max()).astype(float)


def _clipped(logits, temperature):
    # "avoids" NaN by clipping the exponent: wrong probabilities for large logits
    z = np.clip(np.asarray(logits, dtype=float) / temperature, -50, 50)
    e = np.exp(z)
    return e / e.sum()


def _copied_sampler():
    from helpers import text
    return text.sample_next              # the notebook's sampler: draws an id, needs an rng


@exercise("06.2", hint="z = logits / τ (온도) 를 먼저 계산하고, 그 z 에서 최댓값을 뺀 뒤 exp, 그리고 합으로 나누기.",
          wrong=lambda: [_plain_softmax, _times_t, _unstable, _shift_before_dividing, _not_normalised, _greedy,
                         _clipped, _copied_sampler(), np.exp, "softmax"])
def temperature_softmax(answer):
    if problem := checks.not_callable(answer, "answer_06_2"):
        return problem
    cases = [([2.0, 1.0, 0.0], 0.5), ([2.0, 1.0, 0.0], 1.0), ([2.0, 1.0, 0.0], 2.0),
             ([0.3, -1.2, 4.0, 0.0], 0.7), ([1000.0, 999.0, 0.0], 1.0), ([1000.0, 999.0, 0.0], 0.5),
             ([-1000.0, -1001.0, -2000.0], 0.25), ([80.0, 0.0, -80.0, 79.0], 0.1), ([5.0], 3.0)]
    for logits, t in cases:
        with np.errstate(all="ignore"):
            got = answer(np.array(logits), t)
        if problem := checks.not_close(got, _reference_softmax(logits, t), f"logits={logits}, τ={t} 의 결과", atol=1e-6):
            return problem
    return None


def _windows(s, length, stride):
    return [(s[i:i + length], s[i + 1:i + length + 1]) for i in range(0, len(s) - length, stride)]


def _with_partial_last(s, length, stride):
    return [(s[i:i + length], s[i + 1:i + length + 1]) for i in range(0, len(s) - length + 1, stride)]


def _stride_ignored(s, length, stride):
    return _windows(s, length, 1)


def _many_to_one(s, length, stride):
    return [(s[i:i + length], s[i + length]) for i in range(0, len(s) - length, stride)]


def _not_shifted(s, length, stride):
    return [(s[i:i + length], s[i:i + length]) for i in range(0, len(s) - length, stride)]


def _hard_coded(s, length, stride):
    return [("hell", "ello"), ("lo w", "o wo"), ("worl", "orld")]


@exercise("06.3", hint="윈도 k 는 k*stride 에서 시작; 입력 s[i:i+length], 목표 s[i+1:i+length+1]; "
                       "length+1 글자가 남아 있는 시작 위치만 씁니다.",
          wrong=lambda: [_with_partial_last, _stride_ignored, _many_to_one, _not_shifted, _hard_coded,
                         _hard_coded("hello world", 4, 3), "hell"])
def ship_style_windows(answer):
    if problem := checks.not_callable(answer, "answer_06_3"):
        return problem
    cases = [("hello world", 4, 3), ("hello world", 4, 1), ("if you want to build a ship", 10, 1),
             ("abcdefgh", 3, 2), ("abcdefgh", 7, 1), ("abc", 3, 1), ("stride longer than the window", 5, 7)]
    for s, length, stride in cases:
        got = answer(s, length, stride)
        want = _windows(s, length, stride)
        if not isinstance(got, (list, tuple)) or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in got):
            return f"answer_06_3({s!r}, {length}, {stride}) 는 (입력, 목표) 문자열 쌍의 리스트여야 합니다."
        got = [tuple(p) for p in got]
        if any(len(b) != length for _, b in got):
            return (f"answer_06_3({s!r}, {length}, {stride}): many-to-many 목표는 입력과 같은 길이({length})이고 "
                    "한 칸 밀린 문자열입니다.")
        if got != want:
            return (f"answer_06_3({s!r}, {length}, {stride}) 는 윈도 {len(want)}개 {want[:3]}... 여야 하는데 "
                    f"{len(got)}개 {got[:3]}... 입니다.")
    return None
