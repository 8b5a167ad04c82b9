"""Checks of notebook 09's exercises (PCA as a linear autoencoder, tied weights, the VAE's KL term). Used in: 09."""
from __future__ import annotations

from typing import Any

import numpy as np

from helpers.exercises import checks, exercise


def _pca_reconstruction(X: np.ndarray, k: int, *, centre: bool = True, last: bool = False) -> np.ndarray:
    mean = X.mean(axis=0) if centre else np.zeros(X.shape[1])
    _, _, Vt = np.linalg.svd(X - mean, full_matrices=False)
    components = Vt[-k:] if last else Vt[:k]
    return (X - mean) @ components.T @ components + mean


def _sklearn_pca():
    from sklearn.decomposition import PCA

    return PCA


def _data(n: int, d: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    low_rank = rng.normal(size=(n, 3)) @ rng.normal(size=(3, d)) * 2
    return low_rank + rng.normal(size=(n, d)) * 0.3 + rng.uniform(0.5, 1.5, size=d)   # a mean far from zero


def _sklearn_copy(X, k):
    # what a student copies from section 2: the task is to do it without scikit-learn
    from sklearn.decomposition import PCA

    pca = PCA(k).fit(X)
    return pca.inverse_transform(pca.transform(X))


LIBRARY_NAMES = {"PCA", "TruncatedSVD", "IncrementalPCA", "fit_transform", "inverse_transform"}


def _library_names(function: Any) -> set[str]:
    """Names of scikit-learn's PCA API that a function (or any function defined inside it) refers to."""
    code = getattr(function, "__code__", None)
    if code is None:
        return set()
    found, stack = set(), [code]
    while stack:
        current = stack.pop()
        found |= LIBRARY_NAMES & set(current.co_names)
        stack.extend(c for c in current.co_consts if hasattr(c, "co_names"))
    return found


def _codes_only(X, k):
    mean = X.mean(axis=0)
    return (X - mean) @ np.linalg.svd(X - mean, full_matrices=False)[2][:k].T


@exercise("09.1", hint="평균을 빼고(X - X.mean(axis=0)) np.linalg.svd: Vt 의 처음 k 개 행이 주성분입니다. "
                       "코드(가운데 층)로 투영했다가 되돌리고, 뺀 평균을 다시 더하세요.",
          wrong=lambda: [lambda X, k: _pca_reconstruction(X, k, centre=False),                  # no centring
                         lambda X, k: _pca_reconstruction(X, k, last=True),                     # smallest components
                         lambda X, k: (X - X.mean(axis=0)) @ np.linalg.svd(X - X.mean(axis=0), full_matrices=False)[2][:k].T
                         @ np.linalg.svd(X - X.mean(axis=0), full_matrices=False)[2][:k],      # mean not added back
                         _codes_only,                                                          # the codes, not the reconstruction
                         lambda X, k: np.broadcast_to(X.mean(axis=0), X.shape),                # the mean image baseline
                         lambda X, k: X,                                                       # the identity
                         lambda X, k: float(np.mean(np.round(X) == np.round(_pca_reconstruction(X, k)))),  # the metric
                         _sklearn_copy,                                                        # section 2's code copied
                         lambda X, k: (p := _sklearn_pca()(k).fit(X)).inverse_transform(p.transform(X))])
def _pca(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_09_1"):
        return problem
    if names := _library_names(answer):
        return (f"scikit-learn 의 PCA 를 쓰지 말고 NumPy 로 쓰세요 (지금 답이 부르는 것: {', '.join(sorted(names))}). "
                "평균을 빼고 np.linalg.svd 로 주성분을 구합니다.")
    for n, d, k, seed in [(40, 12, 3, 1), (60, 20, 5, 2), (25, 8, 1, 3)]:
        X = _data(n, d, seed)
        got = answer(X.copy(), k)
        if problem := checks.not_close(got, _pca_reconstruction(X, k), f"({n}, {d}) 배열의 k={k} 재구성", atol=1e-6):
            return problem
    return None


def tied_parameter_count(sizes: list[int]) -> int:
    """Parameters of a tied-weight stacked autoencoder with encoder sizes ``sizes`` (input first)."""
    encoder = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    decoder_biases = sum(sizes[:-1])
    return encoder + decoder_biases


@exercise("09.2", hint="묶인 디코더는 인코더 커널의 전치를 다시 쓰므로 자기 편향(bias)만 새로 가집니다: "
                       "784·300+300 + 300·150+150 에 디코더 편향 300+784 를 더하세요.",
          wrong=lambda: [561_934,          # untied
                         280_650,          # the encoder only
                         282_034,
                         281_734.5,        # not an integer
                         82_414,           # the tied model of section 5 (784-100-30), copied from its output
                         281_100,          # decoder biases 300 + 150 (the encoder's sizes, not the decoder's outputs)
                         281_434,          # only the last decoder bias (784)
                         "281734"])
def _tied_parameters(answer: Any) -> str | None:
    expected = tied_parameter_count([784, 300, 150])
    if problem := checks.not_integer(answer):
        return problem
    if answer == 561_934:
        return "그것은 묶지 않은(untied) 오토인코더의 파라미터 수입니다."
    if answer == 82_414:
        return "그것은 5절의 784-100-30 모델입니다. 784-300-150 으로 다시 세세요."
    if answer != expected:
        return checks.not_this(answer)
    return None


def _kl_reference(mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    return -0.5 * np.sum(1 + np.log(np.square(std)) - np.square(std) - np.square(mean), axis=-1)


@exercise("09.3", hint="KL = -0.5 · Σ (1 + log σ² − σ² − μ²) 에서 이번에는 σ 자체가 주어집니다: log σ² = 2 log σ. "
                       "잠재 차원(axis=-1)에 대해 더해 샘플마다 하나의 값.",
          wrong=lambda: [lambda m, s: -0.5 * np.sum(1 + s - np.exp(s) - m ** 2, axis=-1),             # 7절의 식 (log σ²) 그대로
                         lambda m, s: 0.5 * np.sum(1 + np.log(s ** 2) - s ** 2 - m ** 2, axis=-1),     # sign
                         lambda m, s: -np.sum(1 + np.log(s ** 2) - s ** 2 - m ** 2, axis=-1),          # no 0.5
                         lambda m, s: -0.5 * np.mean(1 + np.log(s ** 2) - s ** 2 - m ** 2, axis=-1),   # mean, not sum
                         lambda m, s: -0.5 * np.sum(1 + np.log(s) - s - m ** 2, axis=-1),              # σ read as σ²
                         lambda m, s: -0.5 * np.sum(1 + np.log(s ** 2) - s ** 2 - m ** 2, axis=0),     # wrong axis
                         lambda m, s: -0.5 * np.sum(1 + np.log(s ** 2) - s ** 2 - m ** 2),             # one total
                         lambda m, s: np.mean(-0.5 * np.sum(1 + np.log(s ** 2) - s ** 2 - m ** 2, axis=-1)) / 784])  # add_loss
def _kl(answer: Any) -> str | None:
    if problem := checks.not_callable(answer, "answer_09_3"):
        return problem
    rng = np.random.default_rng(3)
    mean, std = rng.normal(size=(5, 2)), rng.uniform(0.2, 2.0, size=(5, 2))
    got = answer(mean.copy(), std.copy())
    if problem := checks.not_close(got, _kl_reference(mean, std), "샘플별 KL", atol=1e-6):
        return problem + " 부호, 0.5, 그리고 log σ² = 2 log σ 를 확인하세요."
    if problem := checks.not_close(answer(np.zeros((2, 3)), np.ones((2, 3))), np.zeros(2), "μ = 0, σ = 1 의 KL"):
        return problem + " 표준정규분포 그 자체의 KL 은 0 이어야 합니다."
    return None
