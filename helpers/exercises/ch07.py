"""Checks of notebook 07 (IMDB sentiment with a bidirectional LSTM). Used in: 07."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import exercise

BIDIRECTIONAL_LSTM_64_PARAMETERS = 2 * 4 * 64 * (64 + 64 + 1)  # 66,048, as in deck 003's summary


@exercise("07.1", hint="LSTM 하나는 4n(n_in + n + 1) 개 (게이트 4개), 양방향(Bidirectional)은 앞·뒤 두 벌입니다.",
          wrong=lambda: [4 * 64 * (64 + 64 + 1),            # one direction only
                         2 * 3 * 64 * (64 + 64 + 2),        # a bidirectional GRU
                         2 * 4 * 64 * (64 + 64),            # no bias
                         598_209,                           # the whole model
                         "66048"])
def _bidirectional_parameters(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return f"정수 하나를 넣으세요 (지금은 {type(answer).__name__})."
    if answer != BIDIRECTIONAL_LSTM_64_PARAMETERS:
        return f"{int(answer):,} 개가 아닙니다."
    return None


def _left_pad(ids, n):
    ids = list(ids)[-n:]
    return [0] * (n - len(ids)) + ids


def _no_truncation(ids, n):
    ids = list(ids)
    return ids + [0] * max(0, n - len(ids))


def _keep_head(ids, n):
    ids = list(ids)[:n]
    return ids + [0] * (n - len(ids))


CASES = [([5, 8, 2], 6, [5, 8, 2, 0, 0, 0]),
         ([7, 1, 9, 4, 3], 3, [9, 4, 3]),
         ([4, 4], 2, [4, 4]),
         ([], 2, [0, 0])]


@exercise("07.2", hint="ids[-n:] 로 뒤의 n 개만 남긴 뒤, 모자란 만큼 0 을 **뒤에** 붙이세요 (오른쪽 패딩).",
          wrong=lambda: [_left_pad, _no_truncation, _keep_head, lambda ids, n: list(ids)])
def _right_pad(answer: Any) -> str | None:
    if not callable(answer):
        return "answer_07_2(ids, n) 처럼 부를 수 있는 함수를 넣으세요."
    for ids, n, expected in CASES:
        got = [int(v) for v in np.asarray(answer(list(ids), n)).reshape(-1)]
        if got != expected:
            return f"answer_07_2({ids}, {n}) 가 {got} 입니다. {expected} 이어야 합니다."
    return None
