"""Checks of notebook 02's exercises (time series forecasting). Used in: 02."""
from __future__ import annotations

import numpy as np

from helpers.exercises import checks, exercise
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
              lambda s, n, a: np.lib.stride_tricks.sliding_window_view(
                  np.asarray(s)[:, 1:, 0], 10, axis=1)[:, :n],                                      # 5.3's pred_steps = 10 kept
              lambda s, n, a: np.lib.stride_tricks.sliding_window_view(
                  np.asarray(s)[:, 1:, 0], a, axis=1)[:, :50],                                      # 5.3's n_steps = 50 kept
              lambda s, n, a: _reference_targets(s, n, a)[..., None],                               # an extra feature axis
              lambda s, n, a: np.stack([np.asarray(s)[:, t + 2:t + 2 + a, 0] if t + 2 + a <= np.shape(s)[1]
                                        else np.asarray(s)[:, -a:, 0] for t in range(n)], axis=1),  # two steps ahead
          ])
def seq2seq_targets(answer):
    """``answer(series, n_steps, ahead)`` builds the seq2seq targets of shape (batch, n_steps, ahead)."""
    if problem := checks.not_callable(answer, "answer_02_1"):
        return problem
    series = np.random.default_rng(0).normal(size=(3, 64, 1)).astype(np.float32)
    for n_steps, ahead in [(8, 4), (10, 2), (60, 3)]:
        expected = _reference_targets(series[:, :n_steps + ahead], n_steps, ahead)
        got = answer(series[:, :n_steps + ahead].copy(), n_steps, ahead)
        if problem := checks.wrong_shape(got, expected.shape, "목표 Y"):
            return problem + " (batch, n_steps, ahead) 입니다."
        if checks.not_close(got, expected):
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


def _drops_the_newest(predict, X, steps):
    X, out = np.asarray(X), []
    for _ in range(steps):
        y = np.asarray(predict(X)).reshape(len(X), 1, -1)
        out.append(y)
        X = np.concatenate([X[:, :-1], y], axis=1)
    return np.concatenate(out, axis=1)


@exercise("02.2", hint="창(window)의 길이를 입력과 같게 유지하세요: 매번 예측값을 끝에 붙이고 맨 앞 값을 버립니다 "
                       "(X = np.concatenate([X[:, 1:], y_next], axis=1)). 결과 모양은 (batch, steps, features).",
          wrong=lambda: [
              _growing,                                                                       # the input grows
              lambda p, X, s: np.repeat(np.asarray(p(X)).reshape(len(X), 1, -1), s, axis=1),  # never fed back
              iterative_forecast,                                                             # the helper itself
              lambda p, X, s: iterative_forecast(p, X, s)[..., 0],                            # (batch, steps): no feature axis
              _drops_the_newest,                                                              # keeps the oldest steps
          ])
def sliding_iterative_forecast(answer):
    """``answer(predict, X, steps)`` equals ``helpers.series.iterative_forecast`` (a sliding window)."""
    if problem := checks.not_callable(answer, "answer_02_2"):
        return problem
    if answer is iterative_forecast:
        return "helpers.series.iterative_forecast 를 그대로 넘겼습니다. 같은 일을 하는 함수를 직접 쓰세요."
    X = np.random.default_rng(1).normal(size=(4, 6, 1)).astype(np.float32)
    expected = iterative_forecast(_probe_predict, X, steps=5)
    got = answer(_probe_predict, X.copy(), 5)
    if problem := checks.wrong_shape(got, expected.shape, "결과"):
        return problem + " (batch, steps, features) 입니다."
    if checks.not_close(got, expected, atol=1e-5):
        return "값이 다릅니다. 예측을 입력 끝에 붙이되, 모델이 보는 창은 늘 같은 길이(가장 최근 스텝들)여야 합니다."
    return None


@exercise("02.3", hint="LSTM 층은 게이트 3개(입력 i, 망각 f, 출력 o)와 후보(candidate) C̃, 모두 4 블록이고 "
                       "블록마다 n(n_in + n + 1) 개입니다. 두 번째 층의 입력 크기는 20, Dense(1) 은 20 + 1 개.",
          wrong=lambda: [1281,                               # the deep SimpleRNN
                         3845,                               # its summary after training
                         3841, 4401, 6341,
                         5040,                               # no Dense
                         1760 + 1760 + 21,                   # the second layer read as having 1 input
                         3 * 20 * 23 + 3 * 20 * 42 + 21,     # a deep GRU
                         4 * 20 * 21 + 4 * 20 * 40 + 21,     # no biases
                         5061.0, "5061"])
def deep_lstm_parameters(answer):
    """Parameters of LSTM(20, return_sequences) -> LSTM(20) -> Dense(1) on 1 feature: 1760 + 3280 + 21."""
    if problem := checks.not_integer(answer):
        return problem
    if answer == 5061:
        return None
    if answer == 1281:
        return "그것은 SimpleRNN 모델(본문의 깊은 RNN)의 파라미터 수입니다."
    if answer == 3845:
        return "summary() 의 Total params 에는 옵티마이저 슬롯(optimizer slots)도 들어 있습니다."
    if answer == 3541:
        return "두 번째 LSTM 의 입력 크기는 1 이 아니라 첫 층의 유닛 수 20 입니다."
    return f"{answer} 개가 아닙니다."
