#!/usr/bin/env python3
# Issue 11bx: codes the evaluation sets' NOCODE gold names whose SNOMED CT concept a citable source lists, and appends
# them (rows, synonyms, "is a kind of" refinement rows) to terminology/codesystems/radiology-findings* in blocks headed
# "issue 11bx" at the end of each file. Every code is checked against the local copy of its source and by the SNOMED CT
# Verhoeff check digit; the run stops on a mismatch. Idempotent (a code, synonym or refinement already present is skipped).
# Sources (local copies, through environment variables):
#   IPS_FREE_SET  HL7/fhir-ips@57c3299 input/fsh/valuesets/ProblemsSnomedCtIpsFreeSet.fsh (expansion SNOMED CT 20220731)
#   PHENOTYPE_COHORTS  OHDSI/PhenotypeLibrary@40106e4 inst/cohorts (for the OMOP concept_id where a concept set has the code)
# Usage: IPS_FREE_SET=... PHENOTYPE_COHORTS=... python3 nlp/tools/add_findings_issue11bx.py terminology/codesystems
import csv, os, re, sys
import ohdsi_concept_sets

OUT = sys.argv[1]
IPS_CITE = ("HL7 IPS IG ValueSet problems-snomed-ct-ips-free-set (SNOMED International IPS Terminology; expansion SNOMED CT "
            "20220731; HL7/fhir-ips@57c3299 input/fsh/valuesets/ProblemsSnomedCtIpsFreeSet.fsh): {code} '{name}'")
WHY = "issue 11bx: the evaluation sets' gold named it NOCODE:{gold}"
CURATED = "RadBridge curated for issue 11bx ({why})"

# code, SNOMED CT name (as the source displays it), gold NOCODE names, synonyms (report wording, abbreviations, misspellings)
CONCEPTS = [
    ('67801009', 'Tenosynovitis', ['tenosynovitis'],
     ['tenosynovitis', 'tenosynovitides', 'tendosynovitis', 'tenosinovitis', 'tendon sheath inflammation',
      'inflammation of the tendon sheath', 'synovitis of the tendon sheath']),
    ('71286001', 'Spinal cord compression', ['spinal cord compression'],
     ['spinal cord compression', 'cord compression', 'compression of the spinal cord', 'compression of the cord',
      'compression on the spinal cord', 'compression on the cord', 'spinal cord impingement', 'cord impingement',
      'impingement on the spinal cord', 'impingement of the spinal cord', 'compressing the spinal cord',
      'compresses the spinal cord', 'compressed spinal cord', 'spinal cord compresion', 'cord compresion',
      'myelocompression', 'myelo-compression']),
    ('31487001', 'Disseminated idiopathic skeletal hyperostosis', ['diffuse idiopathic skeletal hyperostosis', 'DISH'],
     ['disseminated idiopathic skeletal hyperostosis', 'diffuse idiopathic skeletal hyperostosis', 'DISH',
      'Forestier disease', "Forestier's disease", 'Forestier disease of the spine', 'diffuse idiopathic skeletal hyperostoses',
      'diffuse idiopathic skeletal hyperostosis (DISH)']),
    ('40122008', 'Pneumoconiosis', ['pneumoconiosis'],
     ['pneumoconiosis', 'pneumoconioses', 'pneumokoniosis', 'pneumoconiotic change', 'pneumoconiotic changes']),
    ('805002', 'Pneumoconiosis due to silica', ['silicosis'],
     ['silicosis', 'pneumoconiosis due to silica', 'silica pneumoconiosis', 'silicotic lung disease',
      'simple silicosis', 'chronic silicosis']),
    ('22607003', 'Asbestosis', ['asbestosis'], ['asbestosis', 'asbestos-related pulmonary fibrosis',
                                               'asbestos related pulmonary fibrosis', 'asbestos-related interstitial fibrosis']),
    ('46775006', 'Respiratory distress syndrome in the newborn', ['respiratory distress syndrome of newborn', 'surfactant deficiency'],
     ['respiratory distress syndrome in the newborn', 'respiratory distress syndrome of the newborn',
      'respiratory distress syndrome of newborn', 'neonatal respiratory distress syndrome', 'infant respiratory distress syndrome',
      'IRDS', 'hyaline membrane disease', 'HMD', 'surfactant deficiency', 'surfactant deficiency disease',
      'surfactant deficient lung disease', 'surfactant-deficient lung disease', 'surfactant deficiency disorder',
      'RDS of prematurity', 'respiratory distress syndrome of prematurity']),
    ('7550008', 'Transitory tachypnea of newborn', ['transient tachypnea of newborn'],
     ['transitory tachypnea of newborn', 'transient tachypnea of newborn', 'transient tachypnea of the newborn',
      'transient tachypnoea of the newborn', 'transient tachypnoea of newborn', 'TTN', 'TTNB', 'retained fetal lung fluid',
      'retained foetal lung fluid', 'wet lung of the newborn']),
    ('67569000', 'Bronchopulmonary dysplasia of newborn', ['bronchopulmonary dysplasia'],
     ['bronchopulmonary dysplasia', 'bronchopulmonary dysplasia of newborn', 'chronic lung disease of prematurity',
      'broncho-pulmonary dysplasia', 'bronchopulmonary displasia']),
    ('206525008', 'Neonatal necrotizing enterocolitis', ['necrotizing enterocolitis'],
     ['necrotizing enterocolitis', 'necrotising enterocolitis', 'neonatal necrotizing enterocolitis', 'NEC',
      'necrotizing entercolitis', 'necrotizing enterocolitis (NEC)']),
    ('30753002', 'Normal pressure hydrocephalus', ['normal pressure hydrocephalus'],
     ['normal pressure hydrocephalus', 'normal-pressure hydrocephalus', 'NPH', 'idiopathic normal pressure hydrocephalus',
      'iNPH', 'normal pressure hydrocephalous', 'communicating hydrocephalus of normal pressure type']),
    ('26929004', "Alzheimer's disease", ['Alzheimer disease'],
     ['Alzheimer disease', "Alzheimer's disease", 'Alzheimers disease', "Alzheimer's dementia", 'Alzheimer dementia',
      'Alzheimer type dementia', 'Alzheimer-type dementia', 'dementia of the Alzheimer type', 'dementia of Alzheimer type',
      "Alzheimer's type dementia", 'Alzheimer disease pattern', "Alzheimer's pathology", 'Alzheimers dementia']),
    ('253184003', 'Chiari malformation', ['Chiari malformation'],
     ['Chiari malformation', 'Chiari malformations', 'Chiari anomaly', 'Chairi malformation']),
    ('253185002', 'Chiari malformation type I', [],
     ['Chiari malformation type I', 'Chiari malformation type 1', 'Chiari I malformation', 'Chiari 1 malformation',
      'Chiari type I malformation', 'Chiari type 1 malformation', 'Chiari I', 'Chiari 1']),
    ('3716002', 'Goiter', ['goiter', 'goitre'],
     ['goiter', 'goitre', 'goiters', 'goitres', 'goitrous thyroid', 'goitrous thyroid gland', 'goitrous enlargement']),
    ('237570007', 'Multinodular goiter', [],
     ['multinodular goiter', 'multinodular goitre', 'MNG', 'multi-nodular goiter', 'multi-nodular goitre']),
    ('444231005', 'Thymoma', ['thymoma'], ['thymoma', 'thymomas']),
    ('202855006', 'Lateral epicondylitis', ['lateral epicondylitis'],
     ['lateral epicondylitis', 'lateral epicondylosis', 'lateral epicondylalgia', 'tennis elbow', 'lateral epicondilitis']),
    ('95675005', 'Ulnar neuritis', ['ulnar neuritis'],
     ['ulnar neuritis', 'ulnar nerve neuritis', 'neuritis of the ulnar nerve', 'ulnar neuritis at the elbow']),
    ('239960007', 'Impingement syndrome of shoulder region', ['shoulder impingement'],
     ['impingement syndrome of shoulder region', 'shoulder impingement', 'shoulder impingement syndrome',
      'impingement syndrome of the shoulder', 'subacromial impingement', 'subacromial impingement syndrome',
      'subacromial impingment', 'shoulder impingment']),
    ('48532005', 'Muscle strain', ['muscle strain'],
     ['muscle strain', 'muscle strains', 'muscular strain', 'muscle strain injury', 'strain of the muscle',
      'myotendinous strain', 'myotendinous junction strain', 'low-grade muscle strain', 'muscle strian']),
    ('709044004', 'Chronic kidney disease', ['chronic kidney disease'],
     ['chronic kidney disease', 'CKD', 'chronic renal disease', 'chronic medical renal disease',
      'chronic renal parenchymal disease', 'chronic kidney diseases']),
    ('203522001', 'Osteolysis', ['osteolysis'],
     ['osteolysis', 'osteolyses', 'periprosthetic osteolysis', 'bone osteolysis', 'osteolisis']),
    ('49453006', 'Cerebral herniation', ['brain herniation'],
     ['cerebral herniation', 'brain herniation', 'herniation of the brain', 'transtentorial herniation',
      'uncal herniation', 'subfalcine herniation', 'subfalcian herniation', 'tonsillar herniation',
      'downward transtentorial herniation', 'descending transtentorial herniation', 'cerebral herniations']),
    ('428883008', 'Rupture of tendon of biceps', ['biceps tendon tear'],
     ['rupture of tendon of biceps', 'biceps tendon tear', 'biceps tendon rupture', 'ruptured biceps tendon',
      'torn biceps tendon', 'tear of the biceps tendon', 'rupture of the biceps tendon', 'biceps tendon tears',
      'tear of the long head of the biceps tendon', 'long head biceps tendon tear', 'biceps rupture', 'biceps tear']),
]
# specific concept is a kind of the general one (evaluation credit for older gold; not applied to text)
KIND_OF = [('805002', '40122008'), ('22607003', '40122008'), ('30753002', '230745008'), ('253185002', '253184003'),
           ('237570007', '3716002'), ('444231005', '108369006')]
# earlier synonym rows whose words now name the more specific concept (a surface form names one concept)
MOVE = {('230745008', 'normal pressure hydrocephalus'), ('230745008', 'normal-pressure hydrocephalus'), ('230745008', 'NPH'),
        ('108369006', 'thymoma')}

D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
     [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
     [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]


def verhoeff_ok(code):
    c = 0
    for i, ch in enumerate(reversed(code)):
        c = D[c][P[i % 8][int(ch)]]
    return c == 0


def ips_displays(path):
    out, code = {}, None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'\* \^expansion\.contains\[[^\]]*\]\.code = #(\d+)', line)
        if m:
            code = m.group(1)
            continue
        m = re.match(r'\* \^expansion\.contains\[[^\]]*\]\.display = "(.*)"\s*$', line)
        if m and code:
            out[code], code = m.group(1), None
    return out


def main():
    ips = ips_displays(os.environ['IPS_FREE_SET'])
    ohdsi = ohdsi_concept_sets.snomed_concepts(os.environ['PHENOTYPE_COHORTS']) if os.environ.get('PHENOTYPE_COHORTS') else {}
    csv_path = os.path.join(OUT, 'radiology-findings.csv')
    syn_path = os.path.join(OUT, 'radiology-findings-synonyms.tsv')
    ref_path = os.path.join(OUT, 'radiology-findings-refinements.tsv')
    have = {(r[0], r[1]) for r in csv.reader(open(csv_path, encoding='utf-8'))}
    syn_lines = open(syn_path, encoding='utf-8').read().splitlines()
    kept = [l for l in syn_lines if tuple(l.split('\t')[1:3]) not in MOVE]
    taken = {l.split('\t')[2].lower(): l.split('\t')[1] for l in kept[1:]}
    rows, syns = [], []
    for code, name, gold, words in CONCEPTS:
        if not verhoeff_ok(code):
            raise SystemExit(f'{code}: fails the SNOMED CT Verhoeff check')
        if ips.get(code) != name:
            raise SystemExit(f'{code}: IPS free set names it {ips.get(code)!r}, not {name!r}')
        why = WHY.format(gold=', NOCODE:'.join(gold)) if gold else 'issue 11bx: the specific concept of a coded gold name'
        src = IPS_CITE.format(code=code, name=name) + f' ({why})'
        omop = ''
        if code in ohdsi:
            n, cid, f = ohdsi[code]
            if n.lower() != name.lower():
                raise SystemExit(f'{code}: OHDSI name {n!r} != {name!r}')
            omop = str(cid)
            src += f"; also OHDSI/PhenotypeLibrary@40106e4 inst/cohorts/{f} (concept set item SNOMED {code} '{n}', OMOP concept_id {cid})"
        if ('SNOMED', code) not in have:
            rows.append(['SNOMED', code, name, 'Condition', 'Clinical Finding', 'S', omop, src])
        for w in words:
            prev = taken.get(w.lower())
            if prev == code:
                continue
            if prev is not None:
                raise SystemExit(f'{w!r} already names {prev}')
            taken[w.lower()] = code
            basis = (f"SNOMED CT IPS free set display (HL7/fhir-ips@57c3299, concept name)" if w.lower() == name.lower()
                     else CURATED.format(why='report wording, abbreviation or misspelling of ' + name))
            syns.append(f'SNOMED\t{code}\t{w}\t{basis}')
    with open(csv_path, 'a', encoding='utf-8', newline='') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)
    with open(syn_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(kept + syns) + '\n')
    ref = open(ref_path, encoding='utf-8').read().splitlines()
    present = {tuple(l.split('\t')[:6]) for l in ref if not l.startswith('#')}
    add = []
    for spec, gen in KIND_OF:
        key = ('SNOMED', gen, '-', '-', 'SNOMED', spec)
        if key not in present:
            sn = next(n for c, n, _, _ in CONCEPTS if c == spec)
            add.append('\t'.join(key) + f'\tRadBridge: {sn} is a kind of {gen} (issue 11bx: evaluation credit for gold that names the general concept)')
    if add:
        with open(ref_path, 'a', encoding='utf-8') as f:
            if not any('issue 11bx' in l and l.startswith('#') for l in ref):
                f.write('# issue 11bx: concepts coded for the gold NOCODE names; rows without a site record "is a kind of" only\n')
            f.write('\n'.join(add) + '\n')
    print(f'{len(rows)} rows, {len(syns)} synonyms, {len(add)} refinement rows; moved {len(syn_lines) - len(kept)} synonyms')


if __name__ == '__main__':
    main()
