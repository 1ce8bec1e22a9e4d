"""SNOMED CT concepts named in the concept sets of OHDSI PhenotypeLibrary cohort definitions (inst/cohorts/*.json):
the citation the terminology's add_findings scripts give a code when a phenotype's concept set lists it."""
import glob
import json
import os


def snomed_concepts(folder):
    """code -> (OMOP concept name, OMOP concept id, cohort file name) for every SNOMED concept of every concept set."""
    out = {}
    for f in sorted(glob.glob(os.path.join(folder, '*.json'))):
        try:
            with open(f, encoding='utf-8') as fh:
                d = json.load(fh)
        except (ValueError, UnicodeDecodeError):
            continue
        for cs in d.get('ConceptSets', []):
            for it in cs.get('expression', {}).get('items', []):
                c = it.get('concept', {})
                if c.get('VOCABULARY_ID') == 'SNOMED':
                    out.setdefault(c['CONCEPT_CODE'], (c['CONCEPT_NAME'], c['CONCEPT_ID'], os.path.basename(f)))
    return out
