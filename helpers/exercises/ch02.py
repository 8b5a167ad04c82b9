"""Checks of notebook 02's exercises (time series forecasting). Used in: 02."""
from __future__ import annotations

import numpy as np

from helpers.exercises import exercise
from helpers.series import iterative_forecast


def _reference_targets(series, n_steps, ahead):
    series = np.asarray(series)
    return np.stack([series[:, t + 1:t + 1 + ahead, 0] for t in range(n_steps)], axis=1)


@exercise("02.1", hint="Y[:, t, k] 는 시점 t 에서 k+1 스텝 뒤의 값, 즉 series[:, t + 1 + k, 0] 입니다. "
                       "np.lib.stride_tricks.sliding_window_view(series[:, 1:, 0], ahead, axis=1)[:, :n_steps] 를 써 보세요.",
          wrong=lambda: [
              lambda s, n, a: np.stack([np.asarray(s)[:, t:t + a, 0] for t in range(n)], axis=1),   # includes t itself
              lambda s, n, a: np.repeat(np.asarray(s)[:, n:n + a, 0][:, None], n, axis=1),        # last target everywhere
              lambda s, n, a: _reference_targets(s, n, a).transpose(0, 2, 1),                       # axes swapped
          ])
def seq2seq_targets(answer):
    """``answer(series, n_steps, ahead)`` builds the seq2seq targets of shape (batch, n_steps, ahead)."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_02_1 = seq2seq_targets"
    series = np.random.default_rng(0).normal(size=(3, 12, 1)).astype(np.float32)
    for n_steps, ahead in [(8, 4), (10, 2)]:
        expected = _reference_targets(series[:, :n_steps + ahead], n_steps, ahead)
        got = np.asarray(answer(series[:, :n_steps + ahead], n_steps, ahead))
        if got.shape != expected.shape:
            return f"모양이 {got.shape} 입니다. (batch, n_steps, ahead) = {expected.shape} 이어야 합니다."
        if not np.allclose(got, expected):
            return "모양은 맞지만 값이 다릅니다. Y[:, t, k] 는 t 다음 (k+1) 번째 값입니다."
    return None


def _probe_predict(window):
    # depends on the window's length and on its first value: a growing window gives other numbers
    return window[:, -2:].mean(axis=1) + 0.1 * window[:, 0] + 0.01 * window.shape[1]


def _growing(predict, X, steps):
    X = np.asarray(X)
    for _ in range(steps):
        X = np.concatenate([X, np.asarray(predict(X)).reshape(len(X), 1, -1)], axis=1)
    return X[:, -steps:]


@exercise("02.2", hint="창(window)의 길이를 입력과 같게 유지하세요: 매번 예측값을 끝에 붙이고 맨 앞 값을 버립니다 "
                       "(X = np.concatenate([X[:, 1:], y_next], axis=1)). 결과 모양은 (batch, steps, features).",
          wrong=lambda: [
              _growing,                                                                       # the input grows
              lambda p, X, s: np.repeat(np.asarray(p(X)).reshape(len(X), 1, -1), s, axis=1),  # never fed back
          ])
def sliding_iterative_forecast(answer):
    """``answer(predict, X, steps)`` equals ``helpers.series.iterative_forecast`` (a sliding window)."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_02_2 = forecast_iteratively"
    X = np.random.default_rng(1).normal(size=(4, 6, 1)).astype(np.float32)
    expected = iterative_forecast(_probe_predict, X, steps=5)
    got = np.asarray(answer(_probe_predict, X.copy(), 5), dtype=np.float32)
    if got.size != expected.size:
        return f"결과의 모양이 {got.shape} 입니다. (batch, steps, 1) = {expected.shape} 이어야 합니다."
    if not np.allclose(got.reshape(expected.shape), expected, atol=1e-5):
        return "값이 다릅니다. 예측을 입력 끝에 붙이되, 모델이 보는 창은 늘 같은 길이(가장 최근 스텝들)여야 합니다."
    return None


@exercise("02.3", hint="LSTM 층은 게이트 3개(입력 i, 망각 f, 출력 o)와 후보(candidate) C̃, 모두 4 블록이고 "
                       "블록마다 n(n_in + n + 1) 개입니다. 두 번째 층의 입력 크기는 20, Dense(1) 은 20 + 1 개.",
          wrong=lambda: [1281, 3845, 3841, 4401, 6341])
def deep_lstm_parameters(answer):
    """Parameters of LSTM(20, return_sequences) -> LSTM(20) -> Dense(1) on 1 feature: 1760 + 3280 + 21."""
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer, float)):
        return f"답은 정수 하나여야 합니다 (got {type(answer).__name__})."
    if answer == 5061:
        return None
    if answer == 1281:
        return "그것은 SimpleRNN 모델(본문의 깊은 RNN)의 파라미터 수입니다."
    if answer == 3845:
        return "summary() 의 Total params 에는 옵티마이저 슬롯(optimizer slots)도 들어 있습니다."
    return f"{answer} 개가 아닙니다."
