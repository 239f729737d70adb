#!/usr/bin/env python3
"""Builds every tests/gold/NAME-gold.jsonl from its compact NAME-gold.src and checks each key
occurs in its article (quotes, case and spacing normalised as score.py does).

Line format: key|speakers separated by ;|cue|flag t/f/n|optional 0/1; "# file" starts an article;
"## ..." lines are comments."""
import glob, json, os, re, sys, unicodedata
here = os.path.dirname(os.path.abspath(__file__))
Q = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
def norm(t):
    t = unicodedata.normalize("NFKC", t)
    for a, b in Q.items():
        t = t.replace(a, b)
    return re.sub(r"\s+", " ", t).strip().lower()
bad = 0
for src in sorted(glob.glob(os.path.join(here, "*-gold.src"))):
    rows, text = [], ""
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("##"):
            continue
        if line.startswith("# "):
            art = line[2:].strip()
            text = norm(open(os.path.join(here, "articles", art), encoding="utf-8").read())
            continue
        key, spk, cue, flag, opt = line.split("|")
        if norm(key) not in text:
            print("KEY NOT FOUND", art, key); bad += 1
        rows.append({"article": art, "key": key, "speakers": [s for s in spk.split(";") if s], "outlet": None,
                     "cue": cue, "flagged": {"t": True, "f": False, "n": None}[flag], "optional": opt == "1"})
    out = src[:-len(".src")] + ".jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(os.path.basename(out), len(rows), "rows,", sum(not r["optional"] for r in rows), "required")
sys.exit(1 if bad else 0)
