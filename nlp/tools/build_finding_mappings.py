#!/usr/bin/env python3
# Writes mappings/finding.csv (Usagi source_to_concept_map layout) from the NLP terminology, so that the report finding
# words an interface engineer sees map to the same concept the NLP assigns: one row per surface form (preferred name,
# synonyms, abbreviations) of each finding concept of terminology/codesystems/radiology-findings*. A RadLex term linked
# to a SNOMED CT concept by the crosswalk maps to the SNOMED CT code; RadLex-only findings map to their RID.
# Usage: python3 nlp/tools/build_finding_mappings.py terminology/codesystems mappings/finding.csv
import csv, sys

codes, out = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(f"{codes}/radiology-findings.csv")))
# anatomic sites and qualifiers ('enlarged', which the NLP only reports as part of a site-specific finding) are not findings
anatomy = {(r['vocabulary_id'], r['concept_code']) for r in rows
           if r['domain_id'] == 'Spec Anatomic Site' or r['concept_class_id'] == 'Qualifier Value'}
name = {(r['vocabulary_id'], r['concept_code']): r['concept_name'] for r in rows}
xw = {r['radlex_rid']: r['snomed_code'] for r in csv.DictReader(open(f"{codes}/radiology-findings-crosswalk.tsv"), delimiter='\t')}
seen, lines = {}, []
def add(term, vocab, code):
    key = " ".join(term.split()).upper()
    if not key or key in seen:
        if key and seen[key] != (vocab, code):
            raise SystemExit(f"{term!r} maps to {seen[key]} and {(vocab, code)}")
        return
    seen[key] = (vocab, code)
    lines.append((key, "Report finding term", term, "", vocab, code, "1970-01-01", "2099-12-31", ""))
# a concept the NLP reports as another one (radiology-findings-reported-as.tsv: the device -> the finding it is present)
reported = {(r['vocabulary_id'], r['concept_code']): (r['reported_vocabulary_id'], r['reported_code'])
            for r in csv.DictReader((l for l in open(f"{codes}/radiology-findings-reported-as.tsv") if not l.startswith('#')),
                                    delimiter='\t')}
def target(vocab, code):
    if vocab == 'RadLex' and code in xw and ('SNOMED', xw[code]) in name:
        return 'SNOMED', xw[code]
    return reported.get((vocab, code), (vocab, code))
for r in rows:
    k = (r['vocabulary_id'], r['concept_code'])
    if k in anatomy:
        continue
    add(r['concept_name'].lower(), *target(*k))
for s in csv.DictReader(open(f"{codes}/radiology-findings-synonyms.tsv"), delimiter='\t'):
    k = (s['vocabulary_id'], s['concept_code'])
    if k in anatomy or k not in name:
        continue
    add(s['synonym'], *target(*k))
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["source_code", "source_vocabulary_id", "source_code_description", "target_concept_id", "target_vocabulary_id",
                "target_concept_code", "valid_start_date", "valid_end_date", "invalid_reason"])
    w.writerows(lines)
print(len(lines), "finding terms")
