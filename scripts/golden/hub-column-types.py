# Writes test/fixtures/parquet/hub-column-types*.parquet with pyarrow, in the layouts the Hub's parquet files
# use (what `datasets` writes for its feature types), so test/sources/column-types.test.ts checks flanmix's
# reading of parquet schemas against files a real writer made. One row each; only the schemas matter.
#   python3 -m venv venv && venv/bin/pip install pyarrow && venv/bin/python scripts/golden/hub-column-types.py
import pyarrow as pa
import pyarrow.parquet as pq

table = pa.table({
    "text": pa.array(["a"], pa.string()),
    "label": pa.array([1], pa.int64()),  # a ClassLabel
    "idx": pa.array([0], pa.int32()),
    "score": pa.array([0.5], pa.float32()),
    "flag": pa.array([True], pa.bool_()),
    "tokens": pa.array([["a", "b"]], pa.list_(pa.string())),
    "pair": pa.array([["a", "b"]], pa.list_(pa.string(), 2)),  # a fixed-length sequence
    "nested": pa.array([[["a"], ["b", "c"]]], pa.list_(pa.list_(pa.string()))),
    "answers": pa.array(
        [{"text": ["x"], "answer_start": [3]}],
        pa.struct([("text", pa.list_(pa.string())), ("answer_start", pa.list_(pa.int32()))]),
    ),
    "translation": pa.array([{"fr": "b", "en": "a"}], pa.struct([("fr", pa.string()), ("en", pa.string())])),
    "spans": pa.array([[{"start": 1, "end": 2}]], pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())]))),
})
pq.write_table(table, "test/fixtures/parquet/hub-column-types.parquet")
# The older layout (`list`/`item` names and no compliant nesting), as files written before pyarrow 13 have.
pq.write_table(table, "test/fixtures/parquet/hub-column-types-legacy.parquet", use_compliant_nested_type=False)
