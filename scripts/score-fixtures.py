"""Reference values for flanmix's metrics (test/score/*.test.ts), computed by the Python implementations
the metrics must agree with. Run it from the repository root in a virtualenv with the packages below:

    python3 -m venv /tmp/venv-score
    /tmp/venv-score/bin/pip install sacrebleu nltk scipy scikit-learn
    /tmp/venv-score/bin/python scripts/score-fixtures.py

It writes test/fixtures/score/*.json. Inputs are drawn (with a fixed seed) from the sample rows under
samples/, perturbed the way model outputs differ from references, plus hand-picked edge cases.

Where each reference value comes from:
- BLEU: sacrebleu.corpus_bleu with its defaults (13a tokenization, exp smoothing).
- Porter stems: nltk's PorterStemmer() (its default NLTK_EXTENSIONS mode, which rouge-score uses).
- ROUGE: rouge-score is not installable here, so `rouge_reference` below re-implements rouge-score 0.1.2's
  algorithm step for step (its tokenizer with nltk's PorterStemmer for tokens longer than 3 characters,
  n-gram overlap, summary-level union LCS over newline-split sentences, `score_multi`'s per-type maximum).
- SQuAD / TriviaQA EM and F1: the official evaluation scripts' normalisation and token F1 as T5's
  `qa_utils` applies them, re-stated below (neither t5 nor evaluate is installable here).
- F1 and Matthews: sklearn.metrics; Pearson and Spearman: scipy.stats.
- Edit distance: nltk.edit_distance over T5's word split (`re.split("[^\\w]", text.lower())`).
"""

import collections
import glob
import json
import os
import random
import re
import string

import nltk
import sacrebleu
import scipy.stats
import sklearn.metrics
from nltk.stem import porter

OUT = "test/fixtures/score"
rng = random.Random(16)


def sample_texts():
    texts = []

    def walk(v):
        if isinstance(v, str):
            if len(v.strip()) > 1:
                texts.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    for path in sorted(glob.glob("samples/*/*.jsonl")):
        with open(path, encoding="utf8") as f:
            for line in f:
                if line.strip():
                    walk(json.loads(line))
    return texts


TEXTS = sample_texts()
SENTENCES = [s.strip() for t in TEXTS for s in re.split(r"(?<=[.!?])\s+|\n", t) if 3 < len(s.strip()) < 300]
WORDS = sorted({w for t in TEXTS for w in re.findall(r"[A-Za-z]+", t)})


def perturb(text):
    """A model-like variant of a text: words dropped, repeated, swapped, replaced, re-cased or re-punctuated."""
    words = text.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < 0.1:
            continue
        if r < 0.18:
            out.append(rng.choice(WORDS))
        elif r < 0.22:
            out.extend([w, w])
        elif r < 0.26:
            out.append(w.upper() if rng.random() < 0.5 else w.lower())
        elif r < 0.3:
            out.append(w + rng.choice([",", ".", ";", "!", " -", "'s", "\u2019s"]))
        else:
            out.append(w)
    if len(out) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


def write(name, data):
    with open(os.path.join(OUT, name), "w", encoding="utf8") as f:
        json.dump(data, f, ensure_ascii=False, indent=0)
        f.write("\n")


# ---- Porter stemmer -------------------------------------------------------------------------------------
stemmer = porter.PorterStemmer()
EXTRA_WORDS = (
    "skies sky dying lying tying news innings outings cannings howe proceed exceed succeed ties dies pies "
    "agreed feed bled sing caresses ponies caress cats plastered motoring conflated troubled sized hopping "
    "tanned falling hissing fizzed failing filing happy relational conditional rational valenci hesitanci "
    "digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator "
    "feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative "
    "formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
    "adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate "
    "angulariti homologous effective bowdlerize probate rate cease controll roll generously fully "
    "logically archaeology analogies syllogism yyyy ayy boyish y yes eyes abyss spying crying says daily"
).split()
words = sorted(set(w.lower() for w in WORDS) | set(EXTRA_WORDS))
write("porter.json", {"words": words, "stems": [stemmer.stem(w) for w in words]})


# ---- ROUGE (faithful re-implementation of rouge-score 0.1.2 with use_stemmer=True) ----------------------
def rouge_tokenize(text):
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    tokens = re.split(r"\s+", text)
    tokens = [stemmer.stem(x) if len(x) > 3 else x for x in tokens]
    return [x for x in tokens if re.match(r"^[a-z0-9]+$", x)]


def fmeasure(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def rouge_n(target, prediction, n):
    def grams(tokens):
        return collections.Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    t, p = grams(target), grams(prediction)
    overlap = sum(min(c, p[g]) for g, c in t.items())
    return fmeasure(overlap / max(sum(p.values()), 1), overlap / max(sum(t.values()), 1))


def lcs_table(ref, can):
    t = [[0] * (len(can) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(can) + 1):
            t[i][j] = t[i - 1][j - 1] + 1 if ref[i - 1] == can[j - 1] else max(t[i - 1][j], t[i][j - 1])
    return t


def lcs_indices(ref, can):
    t = lcs_table(ref, can)
    i, j, out = len(ref), len(can), []
    while i > 0 and j > 0:
        if ref[i - 1] == can[j - 1]:
            out.insert(0, i - 1)
            i, j = i - 1, j - 1
        elif t[i][j - 1] > t[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return out


def rouge_lsum(target, prediction):
    ref = [rouge_tokenize(s) for s in target.split("\n") if len(s)]
    can = [rouge_tokenize(s) for s in prediction.split("\n") if len(s)]
    if not ref or not can:
        return 0.0
    m, n = sum(map(len, ref)), sum(map(len, can))
    if not m or not n:
        return 0.0
    cr, cc = collections.Counter(), collections.Counter()
    for s in ref:
        cr.update(s)
    for s in can:
        cc.update(s)
    hits = 0
    for r in ref:
        union = sorted(set().union(*[lcs_indices(r, c) for c in can]))
        for tok in [r[i] for i in union]:
            if cc[tok] > 0 and cr[tok] > 0:
                hits += 1
                cc[tok] -= 1
                cr[tok] -= 1
    return fmeasure(hits / n, hits / m)


def rouge_reference(target, prediction):
    t, p = rouge_tokenize(target), rouge_tokenize(prediction)
    return {"rouge1": rouge_n(t, p, 1), "rouge2": rouge_n(t, p, 2), "rougeLsum": rouge_lsum(target, prediction)}


def rouge_multi(targets, prediction):
    scores = [rouge_reference(t, prediction) for t in targets]
    return {k: max(s[k] for s in scores) for k in ("rouge1", "rouge2", "rougeLsum")}


def multi_sentence():
    k = rng.randint(1, 4)
    return "\n".join(rng.choice(SENTENCES) for _ in range(k))


rouge_cases = []
for _ in range(250):
    ref = multi_sentence()
    kind = rng.random()
    if kind < 0.6:
        pred = "\n".join(perturb(s) for s in ref.split("\n"))
    elif kind < 0.75:
        pred = perturb(ref.replace("\n", " "))
    elif kind < 0.9:
        pred = multi_sentence()
    else:
        pred = rng.choice(["", "...", "\n\n", "The", ref.upper(), ref + "\n" + ref])
    refs = [ref] + [perturb(ref) for _ in range(rng.choice([0, 0, 0, 1, 2]))]
    rouge_cases.append({"references": refs, "prediction": pred, "scores": rouge_multi(refs, pred)})
write("rouge.json", rouge_cases)


# ---- BLEU: sacrebleu defaults ------------------------------------------------------------------------------
def corpus(size, refs_per_segment=1):
    hyps, refs = [], [[] for _ in range(refs_per_segment)]
    for _ in range(size):
        ref = rng.choice(SENTENCES)
        hyps.append(perturb(ref) if rng.random() < 0.85 else rng.choice(SENTENCES))
        refs[0].append(ref)
        for k in range(1, refs_per_segment):
            refs[k].append(perturb(ref))
    return hyps, refs


bleu_cases = []
for size, nref in [(1, 1), (3, 1), (10, 1), (40, 1), (120, 1), (25, 2), (12, 3), (60, 1)]:
    hyps, refs = corpus(size, nref)
    bleu_cases.append({"hypotheses": hyps, "references": refs})
bleu_cases += [
    {"hypotheses": ["The cat sat on the mat."], "references": [["The cat sat on the mat."]]},
    {"hypotheses": ["completely unrelated words here"], "references": [["The cat sat on the mat."]]},
    {"hypotheses": ["the cat"], "references": [["the cat sat on the mat"]]},
    {"hypotheses": ["cat the mat on sat the"], "references": [["the cat sat on the mat"]]},
    {"hypotheses": ["", "the cat sat on the mat"], "references": [["a dog", "the cat sat on a mat"]]},
    {
        "hypotheses": ["It costs 1,000.50 dollars &amp; rose 3.5% in 1990-2000 (see <skipped> page-\n2).  "],
        "references": [["It cost 1,000.50 dollars & rose 3.5 % in 1990 - 2000 (see page 2)."]],
    },
    {
        "hypotheses": ["\u201cQuoted\u201d caf\u00e9 \u2014 na\u00efve: r\u00e9sum\u00e9's end.\u00a0", "Tabs\tand  spaces"],
        "references": [["\"Quoted\" caf\u00e9 - naive: r\u00e9sum\u00e9's end.", "Tabs and spaces"]],
    },
]
for case in bleu_cases:
    case["score"] = sacrebleu.corpus_bleu(case["hypotheses"], case["references"]).score
write("bleu.json", bleu_cases)


# ---- SQuAD / TriviaQA EM and F1 ------------------------------------------------------------------------------
def normalize(text, punc_chars, punc_repl):
    to_replace = set(punc_chars)
    text = text.lower()
    text = "".join(punc_repl if ch in to_replace else ch for ch in text)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def normalize_squad(a):
    return normalize(a, string.punctuation, "")


def normalize_trivia_qa(a):
    return normalize(a, string.punctuation + "\u2018\u2019\u00b4`_", " ").strip()


def token_f1(target, prediction):
    p, t = prediction.split(), target.split()
    same = sum((collections.Counter(p) & collections.Counter(t)).values())
    if same == 0:
        return 0
    precision, recall = same / len(p), same / len(t)
    return 2 * precision * recall / (precision + recall)


def qa(norm, refs, pred):
    refs = [norm(r) for r in refs]
    pred = norm(pred)
    return {"em": float(max(pred == r for r in refs)), "f1": float(max(token_f1(r, pred) for r in refs))}


qa_cases = []
short = [s for s in SENTENCES if len(s.split()) <= 8] + [
    "The Eiffel Tower",
    "an apple a day",
    "U.S.A.",
    "rock_and_roll",
    "\u2018Tis the season\u2019",
    "Caf\u00e9 THE theatre",
    "a",
    "the the",
    "  spaced   out  ",
]
for _ in range(300):
    refs = [rng.choice(short) for _ in range(rng.choice([1, 1, 2, 3]))]
    r = rng.random()
    if r < 0.4:
        pred = rng.choice(refs)
        pred = rng.choice([pred, pred.upper(), "the " + pred, pred + ".", pred.replace(" ", "_"), "\u2018" + pred + "\u2019"])
    elif r < 0.8:
        pred = perturb(rng.choice(refs))
    else:
        pred = rng.choice(short + [""])
    qa_cases.append({
        "references": refs,
        "prediction": pred,
        "squad": qa(normalize_squad, refs, pred),
        "trivia_qa": qa(normalize_trivia_qa, refs, pred),
    })
write("qa.json", qa_cases)


# ---- Labels and numbers -------------------------------------------------------------------------------------
label_cases = []
for n in [5, 20, 57, 200]:
    for invalid in [False, True]:
        gold = [rng.randint(0, 1) for _ in range(n)]
        pred = [g if rng.random() < 0.7 else 1 - g for g in gold]
        if invalid:
            pred = [-1 if rng.random() < 0.1 else p for p in pred]
        f1_pred = [p if p in (0, 1) else 1 - g for p, g in zip(pred, gold)]
        label_cases.append({
            "gold": gold,
            "predicted": pred,
            "f1": sklearn.metrics.f1_score(gold, f1_pred, zero_division=0),
            "matthews": sklearn.metrics.matthews_corrcoef(gold, pred),
        })
label_cases.append({"gold": [0, 0, 1], "predicted": [0, 0, 0], "f1": 0.0, "matthews": 0.0})
label_cases.append({"gold": [2, 0, 1, 2, 1, 0, 2], "predicted": [2, 1, 1, 0, 1, 0, -1],
                    "f1": None, "matthews": sklearn.metrics.matthews_corrcoef([2, 0, 1, 2, 1, 0, 2], [2, 1, 1, 0, 1, 0, -1])})

corr_cases = []
for n in [3, 10, 40, 150]:
    x = [rng.randint(0, 5) for _ in range(n)]
    y = [min(5, max(0, v + rng.choice([-2, -1, 0, 0, 1]))) for v in x]
    corr_cases.append({"x": x, "y": y})
    xf = [round(rng.uniform(0, 5), 2) for _ in range(n)]
    yf = [round(v + rng.gauss(0, 1), 3) for v in xf]
    corr_cases.append({"x": xf, "y": yf})
for c in corr_cases:
    c["pearson"] = float(scipy.stats.pearsonr(c["x"], c["y"])[0])
    c["spearman"] = float(scipy.stats.spearmanr(c["x"], c["y"])[0])
write("labels.json", {"labels": label_cases, "correlations": corr_cases})


# ---- Word-level edit distance (fix_punct) ------------------------------------------------------------------
def edit_words(text):
    return re.split(r"[^\w]", text.lower())


edit_cases = []
for _ in range(150):
    ref = rng.choice(SENTENCES)
    r = rng.random()
    if r < 0.5:
        pred = re.sub(r"[^\w\s]", "", ref) if rng.random() < 0.5 else perturb(ref)
    elif r < 0.8:
        pred = ref.replace(",", "").replace(".", "!") + rng.choice(["", ".", "..", " ?"])
    else:
        pred = rng.choice(SENTENCES + ["", "\u00e9t\u00e9, na\u00efve -- caf\u00e9's"])
    edit_cases.append({"reference": ref, "prediction": pred, "distance": nltk.edit_distance(edit_words(ref), edit_words(pred))})
write("edit-distance.json", edit_cases)

print("wrote", ", ".join(sorted(os.listdir(OUT))))
