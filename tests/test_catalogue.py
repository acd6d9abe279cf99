"""The model catalogue covers every bundled slug and agrees with the hand-checked labels."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.store.loaders import read_catalogue
from tests.conftest import DATA_DIR, FULL_SERIES, SAMPLE

CATALOGUE = pd.read_csv(DATA_DIR / "model-catalogue.csv", keep_default_na=False)
LABELS = pd.read_csv(DATA_DIR / "open-weight-labels.csv", keep_default_na=False)


def test_every_bundled_slug_is_catalogued_once():
    slugs = set(pd.read_csv(FULL_SERIES)["model_permaslug"]) - {"other"}
    assert slugs == set(CATALOGUE["slug"])
    assert set(pd.read_csv(SAMPLE)["model_permaslug"]) - {"other"} <= slugs
    assert CATALOGUE["slug"].is_unique


def test_catalogue_passes_the_loader_validation():
    assert len(read_catalogue(DATA_DIR / "model-catalogue.csv")) == len(CATALOGUE)


@pytest.mark.parametrize("suffix", [":free", ":beta", ":thinking", ":extended"])
def test_variant_suffixes_map_to_the_base_model(suffix):
    variants = CATALOGUE[CATALOGUE["slug"].str.endswith(suffix)]
    assert (variants["canonical"] == variants["slug"].str.removesuffix(suffix)).all()


def test_rows_of_one_model_agree():
    columns = ["name", "vendor", "origin", "open_weights", "open_from", "params_b", "size_class", "reasoning", "kind"]
    assert (CATALOGUE.groupby("canonical")[columns].nunique() <= 1).all().all()


def test_size_class_follows_total_parameters():
    sized = CATALOGUE[CATALOGUE["params_b"] != ""].astype({"params_b": float})
    expected = sized["params_b"].map(lambda p: "small" if p < 15 else "medium" if p <= 70 else "large")
    assert (sized["size_class"] == expected).all()
    assert (CATALOGUE.loc[CATALOGUE["params_b"] == "", "size_class"] == "").all()


def test_hand_checked_labels_win():
    labelled = CATALOGUE.merge(LABELS, on="slug")
    assert len(labelled) > 20
    for _, row in labelled.iterrows():
        if row["label"] == "open":
            assert str(row["open_weights"]) == "1", row["slug"]
        elif row["label"] == "closed":
            assert str(row["open_weights"]) == "0", row["slug"]
        elif row["label"] == "exclude":
            assert row["kind"] != "text", row["slug"]
        elif row["label"] == "stealth":
            assert str(row["stealth"]) == "1", row["slug"]
        if row["open_from_y"] or row["label"] != "stealth":
            assert str(row["open_from_x"]) == str(row["open_from_y"]), row["slug"]
        else:  # the labels file predates the reveal: the catalogue dates the weights and names the evidence
            assert row["revealed_as_x"] and "reveal" in row["evidence"].lower(), row["slug"]


def test_embedding_models_are_not_text():
    assert set(CATALOGUE.loc[CATALOGUE["slug"].str.contains("embedding|e5-large"), "kind"]) == {"embedding"}
