"""helpers/saved_models.py: byte-stable files, a faithful round trip, clear errors on every mismatch."""
import zipfile

import keras
import numpy as np
import pytest

from helpers import saved_models


def _model(units: int = 4, name: str = "tiny") -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = keras.layers.Embedding(10, 3, mask_zero=True)(inputs)
    x = keras.layers.GRU(units)(x)
    return keras.Model(inputs, keras.layers.Dense(2)(x), name=name)


VOCAB = ["<pad>", "<unk>", "a", "b"]


def test_same_weights_give_the_same_bytes(tmp_path):
    model = _model()
    a = saved_models.save_weights(model, tmp_path / "a.weights.zip", {"vocabulary": VOCAB}, {"acc": np.float32(0.5)})
    b = saved_models.save_weights(model, tmp_path / "b.weights.zip", {"vocabulary": VOCAB}, {"acc": 0.5})
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        assert {i.date_time for i in zf.infolist()} == {saved_models.FIXED_TIME}
        assert all(not n.endswith(".pkl") for n in zf.namelist())


def test_round_trip_restores_every_weight_and_the_preprocessing(tmp_path):
    trained = _model()
    trained.set_weights([w + 1.0 for w in trained.get_weights()])
    path = saved_models.save_weights(trained, tmp_path / "m.weights.zip", {"vocabulary": VOCAB}, {"acc": 0.9})
    fresh = _model()
    info = saved_models.load_weights(fresh, path, expect={"vocabulary": VOCAB})
    assert info == {"preprocessing": {"vocabulary": VOCAB}, "metrics": {"acc": 0.9}}
    for a, b in zip(trained.get_weights(), fresh.get_weights()):
        np.testing.assert_array_equal(a, b)
    x = np.array([[2, 3, 0]], dtype="int32")
    np.testing.assert_array_equal(trained(x).numpy(), fresh(x).numpy())


def _korean_first(err) -> str:
    first, _, rest = str(err.value).partition("\n")
    assert "저장된 모델" in first
    return rest


def test_another_architecture_is_refused(tmp_path):
    path = saved_models.save_weights(_model(units=4), tmp_path / "m.weights.zip")
    with pytest.raises(saved_models.SavedModelError) as err:
        saved_models.load_weights(_model(units=5), path)
    assert "does not match the model's architecture" in _korean_first(err) and "m.weights.zip" in str(err.value)


def test_another_vocabulary_is_refused(tmp_path):
    path = saved_models.save_weights(_model(), tmp_path / "m.weights.zip", {"vocabulary": VOCAB})
    with pytest.raises(saved_models.SavedModelError) as err:
        saved_models.load_weights(_model(), path, expect={"vocabulary": VOCAB[:-1] + ["c"]})
    assert "another 'vocabulary'" in _korean_first(err)


@pytest.mark.parametrize("content, problem", [
    (None, "does not exist"),
    (b"", "is not a saved model"),
    (b"PK\x03\x04 garbage", "is not a saved model"),
])
def test_missing_or_broken_files_are_named(tmp_path, content, problem):
    path = tmp_path / "m.weights.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(saved_models.SavedModelError) as err:
        saved_models.load_weights(_model(), path)
    assert problem in _korean_first(err)


def test_a_pickled_array_is_never_loaded(tmp_path):
    path = saved_models.save_weights(_model(), tmp_path / "m.weights.zip")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    import io
    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)   # code hidden in a weight
    members["weights/0000.npy"] = buf.getvalue()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with pytest.raises(saved_models.SavedModelError) as err:
        saved_models.load_weights(_model(), path)
    assert "damaged weight" in _korean_first(err)


def test_file_name_and_preprocessing_are_validated(tmp_path):
    with pytest.raises(ValueError, match="weights.zip"):
        saved_models.save_weights(_model(), tmp_path / "m.keras")
    with pytest.raises(ValueError, match="JSON data"):
        saved_models.save_weights(_model(), tmp_path / "m.weights.zip", {"scaler": object()})


def test_where_models_are_saved_and_loaded(tmp_path, monkeypatch):
    """Quick mode and the tool's full runs use the shipped file; a student's full run writes data/cache/models/."""
    from helpers import runtime
    monkeypatch.setattr(runtime, "project_root", lambda: tmp_path)
    shipped = saved_models.shipped_path("demo")
    assert shipped.parent.name == "models" and shipped.name == "demo.weights.zip"
    monkeypatch.setenv("WORKBOOK_MODE", "quick")
    monkeypatch.setenv(saved_models.PUBLISH_ENV, "1")
    assert saved_models.trained_path("demo") == shipped
    with pytest.raises(RuntimeError, match="quick mode never saves"):
        saved_models.save_trained(_model(), "demo")
    monkeypatch.setenv("WORKBOOK_MODE", "full")
    assert saved_models.trained_path("demo") == shipped
    monkeypatch.setenv(saved_models.PUBLISH_ENV, "0")
    student = saved_models.trained_path("demo")
    assert student == tmp_path / "data" / "cache" / "models" / "demo.weights.zip"
    trained = _model()
    trained.set_weights([w + 1.0 for w in trained.get_weights()])
    assert saved_models.save_trained(trained, "demo", {"vocabulary": VOCAB}) == student
    fresh = _model()
    info = saved_models.load_trained(fresh, "demo", expect={"vocabulary": VOCAB})
    assert info["preprocessing"] == {"vocabulary": VOCAB}
    np.testing.assert_array_equal(fresh.get_weights()[0], trained.get_weights()[0])
    with pytest.raises(ValueError, match="letters, digits"):
        saved_models.shipped_path("../evil")


SHIPPED = ["06_char_rnn", "07_bilstm", "07_tfidf", "08_gru", "09_autoencoder", "10_attention", "10_transformer"]


def test_every_shipped_model_opens_within_the_size_budget():
    """The models of 06-10 ship in helpers/data/models/: each opens, <= 6 MB each, <= 15 MB together."""
    folder = saved_models.shipped_path("x").parent
    assert sorted(p.name for p in folder.glob("*.weights.zip")) == [f"{n}.weights.zip" for n in SHIPPED]
    for name in SHIPPED:
        path = saved_models.shipped_path(name)
        manifest = saved_models.read_manifest(path)
        assert manifest["weights"] and manifest["preprocessing"] and path.stat().st_size <= 6e6, name
    assert sum(saved_models.shipped_path(n).stat().st_size for n in SHIPPED) <= 15e6
