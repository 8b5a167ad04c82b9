"""Self-checking exercises: a check says right, wrong with a hint, or "not answered yet".

A notebook's exercise is a starter cell where the student replaces ``...``::

    answer_02_1 = ...          # the student's code goes here

followed by a check cell::

    exercises.check("02.1", answer_02_1)

Each notebook's checks live in ``helpers/exercises/chNN.py`` and register
themselves with :func:`exercise`; ``check`` imports that module on first use.
An unanswered exercise (still ``...``) only prints a note, so nbval passes;
a wrong answer prints the hint (it never raises, so a student can try again).
``tests/test_exercises.py`` runs every solution in the notebooks' ``<details>``
through its check and a wrong answer through it too. Used in: 01-10.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

RIGHT, WRONG, UNANSWERED = "right", "wrong", "unanswered"


@dataclass(frozen=True)
class Exercise:
    """One registered check: ``test(answer)`` returns ``None`` when right, else what is wrong."""

    key: str
    test: Callable[[Any], str | None]
    hint: str
    wrong: Callable[[], list[Any]]


_REGISTRY: dict[str, Exercise] = {}


def exercise(key: str, hint: str, wrong: Callable[[], list[Any]]
             ) -> Callable[[Callable[[Any], str | None]], Callable[[Any], str | None]]:
    """Register ``test`` as the check of exercise ``key`` (e.g. ``"02.1"``).

    ``test(answer)`` returns ``None`` for a right answer, or a short sentence
    saying what is wrong; ``hint`` is shown with any wrong answer. ``wrong()``
    builds typical wrong answers: the tests prove the check rejects each.
    """
    def register(test: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
        if key in _REGISTRY and _REGISTRY[key].test.__qualname__ != test.__qualname__:
            raise ValueError(f"exercise {key!r} is registered twice.")
        _REGISTRY[key] = Exercise(key, test, hint, wrong)
        return test

    return register


def _load(key: str) -> Exercise:
    if not isinstance(key, str) or "." not in key:
        raise ValueError(f"exercise keys look like '02.1' (notebook.number), got {key!r}.")
    chapter = key.split(".", 1)[0]
    try:
        importlib.import_module(f"{__name__}.ch{chapter}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.ch{chapter}":
            raise
    if key not in _REGISTRY:
        raise ValueError(f"there is no exercise {key!r}; check the key in the notebook's check cell.")
    return _REGISTRY[key]


def registered(chapter: str) -> list[str]:
    """The keys of every exercise of a notebook, e.g. ``registered("02")``."""
    importlib.import_module(f"{__name__}.ch{chapter}")
    return sorted(k for k in _REGISTRY if k.startswith(f"{chapter}."))


def get(key: str) -> Exercise:
    """The registered exercise ``key`` (its module imported on first use)."""
    return _load(key)


def evaluate(key: str, answer: Any) -> tuple[str, str]:
    """``(status, message)`` for ``answer``: status is ``right``, ``wrong`` or ``unanswered``."""
    ex = _load(key)
    if answer is ... or answer is None:
        return UNANSWERED, f"연습 {key}: 아직 답하지 않았습니다 (not answered yet) — `...` 자리에 코드를 쓰고 다시 실행하세요."
    try:
        problem = ex.test(answer)
    except Exception as exc:  # a student's answer may fail in any way; say how
        problem = f"검사 중 오류 (error while checking): {type(exc).__name__}: {exc}"
    if problem is None:
        return RIGHT, f"연습 {key}: 정답입니다 (right)."
    return WRONG, f"연습 {key}: 아직 아닙니다 (not yet) — {problem}\n  힌트 (hint): {ex.hint}"


def check(key: str, answer: Any) -> bool:
    """Print whether ``answer`` solves exercise ``key``; return ``True`` when it does."""
    status, message = evaluate(key, answer)
    print(message)
    return status == RIGHT
