"""Decodes a flanmix TFRecord shard with TensorFlow, as a trainer would, for test/fixtures/golden.

Usage (see scripts/golden/tfrecord.sh, which builds the shard first):
    python3 decode-tfrecord.py OUT_DIR > test/fixtures/golden/tfrecord-decoded.json

Reads OUT_DIR/info.train.json for the feature spec (fixed-length int32 features as FixedLenFeature, variable
string lists as VarLenFeature, the way seqio builds its parser from that file), parses every record of
OUT_DIR/train.tfrecord-00000-of-00001 with tf.io.parse_single_example, and prints the shard's sha256 and
the decoded values as JSON. TensorFlow is used only here, once, never by the package or its tests.
"""
import hashlib
import json
import os
import sys

import tensorflow as tf

out_dir = sys.argv[1]
shard = os.path.join(out_dir, "train.tfrecord-00000-of-00001")
with open(os.path.join(out_dir, "info.train.json")) as f:
    info = json.load(f)

spec = {}
for name, desc in info["features"].items():
    if desc["dtype"] == "int32" and desc["shape"] and desc["shape"][0] is not None:
        spec[name] = tf.io.FixedLenFeature(desc["shape"], tf.int64)
    elif desc["dtype"] == "int32":
        spec[name] = tf.io.VarLenFeature(tf.int64)
    else:
        spec[name] = tf.io.VarLenFeature(tf.string)

rows = []
for raw in tf.data.TFRecordDataset([shard]):
    parsed = tf.io.parse_single_example(raw, spec)
    row = {}
    for name in info["features"]:
        value = parsed[name]
        if isinstance(value, tf.SparseTensor):
            value = value.values
        values = value.numpy().tolist()
        row[name] = [v.decode("utf-8") if isinstance(v, bytes) else v for v in values]
    rows.append(row)

with open(shard, "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()

json.dump(
    {
        "decodedBy": f"tensorflow {tf.__version__}",
        "file": os.path.basename(shard),
        "sha256": digest,
        "rows": rows,
    },
    sys.stdout,
    ensure_ascii=False,
)
sys.stdout.write("\n")
