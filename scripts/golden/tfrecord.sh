#!/bin/sh
# Regenerates test/fixtures/golden/tfrecord-decoded.json: builds the tiny packed mixture that
# test/golden-tfrecord.test.ts builds (same options), then decodes its shard with TensorFlow.
# Run from the repository root after `npx tsup`, with a virtualenv holding tensorflow-cpu:
#   python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tensorflow-cpu
#   PYTHON=/tmp/venv/bin/python sh scripts/golden/tfrecord.sh
set -eu
out=$(mktemp -d)
node dist/cli.js build --out "$out" --datasets rte,cb --format no-template --seed 1 \
  --output tfrecord --shards 1 --input-length 192 --target-length 8 \
  --keep-text inputs_pretokenized,targets_pretokenized,task --workers 1 --native off 2>/dev/null
"${PYTHON:-python3}" scripts/golden/decode-tfrecord.py "$out" > test/fixtures/golden/tfrecord-decoded.json
rm -r "$out"
