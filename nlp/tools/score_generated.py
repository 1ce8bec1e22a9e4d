#!/usr/bin/env python3
# Scores `radbridge nlp` output against the *.truth.json files written by `radbridge generate`.
# Usage:
#   java -jar fhir-server/target/radbridge.jar generate --patients 200 --seed 1 --out /tmp/x
#   java -jar fhir-server/target/radbridge.jar nlp /tmp/x/reports/*.txt > /tmp/x/nlp.jsonl
#   python3 nlp/tools/score_generated.py /tmp/x/reports /tmp/x/nlp.jsonl terminology/codesystems
# Truth terms are mapped to concept codes through the synonyms file (exact surface form); truth terms outside the
# dictionary are counted separately. Pairs (concept, assertion) are compared per report as multisets.
import collections, csv, glob, json, os, sys

reports, output, codesystems = sys.argv[1:4]
syn = {}
for r in csv.DictReader(open(os.path.join(codesystems, 'radiology-findings-synonyms.tsv')), delimiter='\t'):
    syn.setdefault(r['synonym'].lower(), (r['vocabulary_id'], r['concept_code']))
xw = {r['radlex_rid']: r['snomed_code'] for r in
      csv.DictReader(open(os.path.join(codesystems, 'radiology-findings-crosswalk.tsv')), delimiter='\t')}

def code(term):
    v = syn.get(term.lower())
    if not v:
        return None
    return xw.get(v[1], v[1]) if v[0] == 'RadLex' else v[1]

got = collections.defaultdict(collections.Counter)
for line in open(output):
    d = json.loads(line)
    if d.get('type') == 'report':
        continue
    got[d['report']][(d['concept']['code'], d['assertion'])] += 1
tp = fp = fn = outside = 0
unmapped = collections.Counter()
for f in sorted(glob.glob(os.path.join(reports, '*.truth.json'))):
    t = json.load(open(f))
    exp = collections.Counter()
    for x in t['findings']:
        c = code(x['term'])
        if c is None:
            unmapped[x['term']] += 1
            outside += 1
            continue
        exp[(c, x['assertion'])] += 1
    g = got[os.path.basename(f).replace('.truth.json', '.txt')]
    for k in set(exp) | set(g):
        m = min(exp[k], g[k])
        tp += m
        fp += g[k] - m
        fn += exp[k] - m
p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
print(f"truth terms in the dictionary: TP {tp} FP {fp} FN {fn} precision {p:.3f} recall {r:.3f} F1 {2*p*r/max(1e-9,p+r):.3f}")
print(f"all truth mentions: recall {tp / max(1, tp + fn + outside):.3f}; {outside} have terms outside the dictionary:")
print("  " + ", ".join(f"{k} {v}" for k, v in unmapped.most_common()))
