"""Checks for notebook 05 (RNN input/output shapes). Used in: 05."""
from __future__ import annotations

import numbers

from helpers.exercises import exercise


def _bad_wrong_05_2():
    import keras

    many_to_one = keras.Sequential([keras.Input(shape=(7, 10)), keras.layers.GRU(8),
                                    keras.layers.Dense(3, activation="softmax")])
    lstm = keras.Sequential([keras.Input(shape=(7, 10)), keras.layers.LSTM(8, return_sequences=True),
                             keras.layers.Dense(3, activation="softmax")])
    no_softmax = keras.Sequential([keras.Input(shape=(7, 10)), keras.layers.GRU(8, return_sequences=True),
                                   keras.layers.Dense(3)])
    return [many_to_one, lstm, no_softmax, "GRU(8)"]


@exercise("05.1", hint="방향마다 LSTM 하나 4n(n_in+n+1), 두 방향, 그리고 concat된 2n개를 받는 Dense(1).",
          wrong=lambda: [1600 + 17, 3200, 1600 + 33, 3217, "3233"])
def bidirectional_params(answer):
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        return f"정수 하나로 답하세요 (지금은 {type(answer).__name__})."
    if answer == 3200:
        return "LSTM 두 방향은 맞습니다. Dense(1) 의 파라미터도 더하세요."
    if answer != 3233:
        return f"{answer} 가 아닙니다."
    return None


@exercise("05.2", hint="스텝마다 출력이 있으려면 GRU(8, return_sequences=True); 그 뒤 Dense(3, activation='softmax').",
          wrong=_bad_wrong_05_2)
def tagging_model(model):
    import keras
    import numpy as np

    if not isinstance(model, keras.Model):
        return "keras 모델(keras.Sequential 또는 keras.Model)을 답으로 주세요."
    out_shape = tuple(model.output_shape)
    if model.input_shape != (None, 7, 10):
        return f"입력 모양이 (None, 7, 10) 이어야 하는데 {model.input_shape} 입니다."
    if out_shape != (None, 7, 3):
        return f"출력 모양이 (None, 7, 3) 이어야 하는데 {out_shape} 입니다."
    recurrent = [layer for layer in model.layers if isinstance(layer, keras.layers.RNN)]
    if len(recurrent) != 1 or not isinstance(recurrent[0], keras.layers.GRU) or recurrent[0].units != 8:
        return "순환 층은 GRU(8) 하나여야 합니다."
    probs = np.asarray(model(np.ones((2, 7, 10), dtype="float32")))
    if not np.allclose(probs.sum(axis=-1), 1.0, atol=1e-4) or (probs < 0).any():
        return "출력이 스텝마다 확률(합 1)이 아닙니다: softmax가 필요합니다."
    return None


@exercise("05.3", hint="h_n 은 (D·num_layers, batch, hidden); batch_first 는 h_n 에 영향을 주지 않습니다.",
          wrong=lambda: [(5, 4, 20), (2, 5, 20), (4, 5, 40), (5, 7, 40), [4, 5]])
def torch_h_n_shape(answer):
    if not isinstance(answer, (tuple, list)) or not all(isinstance(v, numbers.Integral) for v in answer):
        return "정수 튜플로 답하세요, 예: (1, 2, 3)."
    answer = tuple(int(v) for v in answer)
    if answer == (5, 4, 20):
        return "batch_first=True 여도 h_n 의 batch는 두 번째 축입니다."
    if answer == (2, 5, 20):
        return "층 수(2)와 방향 수(2)를 모두 곱하세요."
    if answer != (4, 5, 20):
        return f"{answer} 가 아닙니다."
    return None
