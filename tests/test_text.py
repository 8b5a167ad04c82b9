"""helpers.text: vocabularies, windows, sampling, perplexity."""
import math

import numpy as np
import pytest

from helpers import text
from helpers.text import BOS, EOS, PAD, UNK, Vocabulary


def test_vocabulary_specials_first_then_by_frequency():
    vocab = Vocabulary.build("abracadabra")
    assert vocab.tokens == (PAD, UNK, BOS, EOS, "a", "b", "r", "c", "d")
    assert (vocab.pad_id, vocab.unk_id, vocab.bos_id, vocab.eos_id) == (0, 1, 2, 3)
    assert len(vocab) == 9 and "a" in vocab and "z" not in vocab


def test_encode_decode_round_trip_and_unknown_tokens():
    vocab = Vocabulary.build("i like dog i love coffe".split())
    ids = vocab.encode(["i", "like", "cat"], add_bos=True, add_eos=True)
    assert ids.dtype == np.int32
    assert vocab.decode(ids) == [BOS, "i", "like", UNK, EOS]
    assert vocab.decode(ids, skip_specials=True) == ["i", "like"]
    chars = Vocabulary.build("hello world")
    assert chars.decode(chars.encode("hello"), join="") == "hello"


def test_min_count_max_size_and_no_specials():
    vocab = Vocabulary.build("aaabbc", min_count=2)
    assert vocab.tokens[4:] == ("a", "b") and vocab.encode("c").tolist() == [vocab.unk_id]
    assert len(Vocabulary.build("aaabbc", max_size=5)) == 5
    bare = Vocabulary.build("ba", specials=())
    assert bare.tokens == ("a", "b")
    with pytest.raises(ValueError, match="no <unk>"):
        bare.encode("c")
    with pytest.raises(ValueError, match="no <pad>"):
        bare.pad_id


def test_encode_batch_pads_and_cuts():
    vocab = Vocabulary.build("ab")
    batch = vocab.encode_batch(["ab", "a"], add_eos=True)
    assert batch.tolist() == [[4, 5, 3], [4, 3, 0]]
    assert vocab.encode_batch(["abab"], length=2).tolist() == [[4, 5]]


@pytest.mark.parametrize("bad, match", [
    (lambda: Vocabulary.build(b"bytes"), "bytes"),
    (lambda: Vocabulary.build([1, 2]), "str tokens"),
    (lambda: Vocabulary.build("ab", min_count=0), "min_count"),
    (lambda: Vocabulary.build("ab", max_size=4), "max_size"),
    (lambda: Vocabulary(("a", "a"), ()), "unique"),
    (lambda: Vocabulary(("a", PAD), (PAD,)), "come first"),
    (lambda: Vocabulary.build("ab").decode([99]), r"\[0, 5\]"),
    (lambda: Vocabulary.build("ab").decode([[4]]), "1-D"),
])
def test_vocabulary_rejects_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        bad()


def test_lm_windows_many_to_many_and_many_to_one():
    ids = np.arange(12)
    batches = list(text.lm_windows(ids, 4, stride=2, batch_size=10).as_numpy_iterator())
    x, y = batches[0]
    assert x.shape == (4, 4) and text.window_count(12, 4, 2) == 4
    assert x[1].tolist() == [2, 3, 4, 5] and y[1].tolist() == [3, 4, 5, 6]
    x1, y1 = next(text.lm_windows(ids, 4, many_to_one=True, batch_size=10).as_numpy_iterator())
    assert x1.tolist() == [[0, 1, 2, 3], [4, 5, 6, 7]] and y1.tolist() == [4, 8]


def test_lm_windows_shuffle_is_reproducible_and_complete():
    ids = np.arange(101)
    def starts(seed):
        windows = text.lm_windows(ids, 10, batch_size=4, shuffle=True, seed=seed)
        return [x[:, 0].tolist() for x, _ in windows.as_numpy_iterator()]

    first, again = starts(1), starts(1)
    flat = sorted(v for batch in first for v in batch)
    assert first == again and flat == list(range(0, 100, 10))
    dropped = list(text.lm_windows(ids, 10, batch_size=4, drop_remainder=True))
    assert len(dropped) == 2


def test_lm_windows_rejects_bad_input():
    with pytest.raises(ValueError, match="too few"):
        text.lm_windows(np.arange(5), 5)
    with pytest.raises(ValueError, match="integer token ids"):
        text.lm_windows(np.zeros(20), 5)
    with pytest.raises(ValueError, match="stride"):
        text.lm_windows(np.arange(20), 5, stride=0)


def test_stateful_batches_continue_each_row():
    ids = np.arange(1000)
    batches = list(text.stateful_batches(ids, length=10, batch_size=4).as_numpy_iterator())
    assert all(x.shape == (4, 10) and y.shape == (4, 10) for x, y in batches)
    for (x0, _), (x1, _) in zip(batches, batches[1:]):
        assert (x1[:, 0] == x0[:, -1] + 1).all()                 # row i of batch k+1 continues row i of batch k
    x, y = batches[0]
    assert (y == x + 1).all()
    with pytest.raises(ValueError, match="too few"):
        text.stateful_batches(np.arange(10), length=10, batch_size=4)


def test_sample_next_greedy_and_temperature():
    rng = np.random.default_rng(0)
    logits = np.log(np.array([0.1, 0.6, 0.3]))
    assert int(text.sample_next(logits, 0, rng)) == 1
    draws = np.array([int(text.sample_next(logits, 1.0, rng)) for _ in range(4000)])
    assert np.allclose(np.bincount(draws, minlength=3) / 4000, [0.1, 0.6, 0.3], atol=0.03)
    cold = np.array([int(text.sample_next(logits, 0.2, rng)) for _ in range(500)])
    assert (cold == 1).mean() > 0.95
    batch = text.sample_next(np.stack([logits, logits[::-1]]), 0, rng)
    assert batch.tolist() == [1, 1]
    with pytest.raises(ValueError, match="temperature"):
        text.sample_next(logits, -1, rng)


def test_cross_entropy_and_perplexity():
    p = np.array([[0.5, 0.5], [0.25, 0.75]])
    targets = np.array([0, 1])
    expected = -(math.log(0.5) + math.log(0.75)) / 2
    assert text.cross_entropy(p, targets) == pytest.approx(expected)
    assert text.perplexity(p, targets) == pytest.approx(math.exp(expected))
    uniform = np.full((3, 4), 0.25)
    assert text.perplexity(uniform, np.array([0, 1, 2])) == pytest.approx(4.0)
    with pytest.raises(ValueError, match="shape"):
        text.cross_entropy(p, np.array([0]))
    with pytest.raises(ValueError, match="softmax"):
        text.cross_entropy(np.array([[2.0, -1.0]]), np.array([0]))
