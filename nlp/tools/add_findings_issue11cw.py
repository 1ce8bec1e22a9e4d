#!/usr/bin/env python3
# Issue 11cw (session 34): codes more of the evaluation sets' NOCODE gold names. Their SNOMED CT codes come from a source
# the earlier searches (issue 11bx) had not used: the SNOMEDCT_US rows of Apache cTAKES' fast-lookup dictionary
# sno_rx_16ab (built from UMLS 2016AB), published on Maven Central as
# net.sourceforge.ctakesresources:ctakes-resources-sno_rx:4.0.0 (file org/apache/ctakes/dictionary/lookup/fast/
# sno_rx_16ab/sno_rx_16ab.script). Each code is checked against a local copy of that file (the UMLS concept's preferred
# term and its SNOMEDCT_US code) and by the SNOMED CT Verhoeff check digit; the run stops on a mismatch. Appends rows,
# synonyms and site refinement rows to terminology/codesystems/radiology-findings*; idempotent like issue 11bx's tool.
# A code is taken only where its UMLS concept carries that one international SNOMED CT code (right aortic arch, left atrial
# enlargement, hemoperitoneum and dilatation of ureter carry two each and were left out).
# Usage: SNO_RX_SCRIPT=.../sno_rx_16ab.script python3 nlp/tools/add_findings_issue11cw.py terminology/codesystems
import csv, os, re, sys
from add_findings_issue11bx import verhoeff_ok

CITE = ("Apache cTAKES dictionary sno_rx_16ab (UMLS 2016AB, source SNOMEDCT_US; Maven Central "
        "net.sourceforge.ctakesresources:ctakes-resources-sno_rx:4.0.0 sno_rx_16ab.script): UMLS {cui} '{name}' = "
        "SNOMED CT {code}")
WHY = "issue 11cw: the evaluation sets' gold named it NOCODE:{gold}"
CURATED = "RadBridge curated for issue 11cw (report wording, plural or spelling of {name})"
ADVERBS = ['', 'mildly ', 'slightly ', 'markedly ']


def stated(subjects, verbs, predicates):
    """'<subject> <verb> [adverb] <predicate>': the predicative wordings the dictionary lookup needs spelled out."""
    return [f'{s} {v} {a}{p}' for s in subjects for v in verbs for a in ADVERBS for p in predicates]


# code, UMLS CUI, preferred term (as the dictionary gives it), gold NOCODE names, words
CONCEPTS = [
    ('249674001', 'C0426794', 'Chest over-expanded', ['hyperinflation'],
     # the signs alone (flattened hemidiaphragms, hyperlucent lungs, increased retrosternal airspace) stay unlabelled: 9
     # sentences of 7 writers label them as the emphysema or COPD they suggest, 4 as hyperinflation
     ['chest over-expanded', 'chest hyperinflated', 'hyperinflated chest', 'hyperinflation', 'hyperinflated',
      'hyperinflated lungs', 'pulmonary hyperinflation', 'lung hyperinflation', 'hyperinflation of the lungs',
      'hyperexpansion', 'hyperexpanded', 'hyperexpanded lungs', 'hyperexpansion of the lungs', 'hyperaeration',
      'hyperaerated', 'hyperaerated lungs', 'overinflation', 'overinflated', 'over-inflated', 'overinflated lungs',
      'over-inflation', 'overexpanded lungs', 'over-expanded lungs', 'hyper-inflation', 'hyper-inflated',
      'hyper-expanded', 'hyper-expansion', 'hyperinflaton', 'hyperinflatd', 'hyperinfalted', 'hyperinflaion',
      'increased lung volumes', 'large lung volumes', 'high lung volumes', 'hyper inflated', 'hyper inflation',
      'hyper expanded', 'hyper inflated lungs', 'hyper expanded lungs']
     + stated(['lungs'], ['are', 'appear', 'remain'], ['hyperinflated', 'hyperexpanded', 'overinflated', 'hyperaerated',
                                                       'hyper inflated', 'hyper expanded'])
     + stated(['lung volumes'], ['are'], ['increased', 'large', 'high'])),
    ('88936002', 'C0264583', 'Elevated diaphragm', ['elevated hemidiaphragm', 'elevated diaphragm'],
     ['elevated diaphragm', 'elevated hemidiaphragm', 'elevated hemidiaphragms', 'elevated right hemidiaphragm',
      'elevated left hemidiaphragm', 'elevation of the right hemidiaphragm', 'elevation of the left hemidiaphragm',
      'elevation of the hemidiaphragm', 'elevation of right hemidiaphragm', 'elevation of left hemidiaphragm',
      'elevation of the diaphragm', 'elevation of the right hemi-diaphragm', 'elevation of the left hemi-diaphragm',
      'elevated right hemi-diaphragm', 'elevated left hemi-diaphragm', 'hemidiaphragm elevation',
      'hemidiaphragmatic elevation', 'diaphragmatic elevation', 'raised hemidiaphragm', 'raised right hemidiaphragm',
      'raised left hemidiaphragm', 'high-riding hemidiaphragm', 'high riding hemidiaphragm',
      'high-riding right hemidiaphragm', 'high-riding left hemidiaphragm', 'elevated right diaphragm',
      'elevated left diaphragm', 'elevation of both hemidiaphragms', 'elevation of the hemidiaphragms',
      'elevated hemidiaphragms bilaterally', 'dome of the diaphragm is elevated', 'right dome of the diaphragm is elevated',
      'left dome of the diaphragm is elevated', 'elevated dome of the diaphragm', 'elevated right dome of the diaphragm',
      'elevated left dome of the diaphragm', 'elevation of the right dome of the diaphragm',
      'elevation of the left dome of the diaphragm']
     + stated(['right hemidiaphragm', 'left hemidiaphragm', 'hemidiaphragm', 'right hemi-diaphragm', 'left hemi-diaphragm',
               'right diaphragm', 'left diaphragm'], ['is', 'remains', 'appears'], ['elevated', 'raised'])
     + [f'{side} {a}{p}' for side in ('right hemidiaphragm', 'left hemidiaphragm') for a in ADVERBS
        for p in ('elevated', 'raised')]),
    ('363646005', 'C0746459', 'Widened mediastinum', ['widened mediastinum', 'mediastinal widening'],
     ['widened mediastinum', 'mediastinal widening', 'widening of the mediastinum', 'wide mediastinum',
      'widened superior mediastinum', 'widening of the superior mediastinum', 'superior mediastinal widening',
      'widened mediastinal silhouette', 'widened mediastinal contour', 'widened mediastinal contours',
      'widening of the mediastinal silhouette', 'widened upper mediastinum', 'mediastinal widenning']
     + stated(['mediastinum', 'superior mediastinum', 'mediastinal silhouette', 'mediastinal contour'],
              ['is', 'appears', 'remains'], ['widened', 'wide'])
     + stated(['mediastinal contours'], ['are', 'appear'], ['widened'])),
    ('19616004', 'C0264576', 'Mediastinal shift', ['mediastinal shift'],
     ['mediastinal shift', 'shift of the mediastinum', 'mediastinal displacement', 'displacement of the mediastinum',
      'shifted mediastinum', 'mediastinal shifts', 'shift of mediastinum', 'mediastinal deviation']
     + stated(['mediastinum'], ['is'], ['shifted', 'displaced'])),
    ('299728009', 'C0576481', 'Midline shift of brain', ['midline shift'],
     ['midline shift of brain', 'midline shift of the brain', 'midline shift', 'midline shifts', 'shift of the midline',
      'shift of midline structures', 'shift of the midline structures', 'midline structure shift', 'midline-shift',
      'shift of midline', 'midline shfit']),
    ('13206009', 'C0392014', 'Trachea displaced', ['tracheal deviation'],
     ['trachea displaced', 'tracheal deviation', 'deviation of the trachea', 'deviated trachea', 'tracheal shift',
      'shift of the trachea', 'tracheal displacement', 'displacement of the trachea', 'displaced trachea',
      'trachea is deviated', 'trachea is shifted', 'trachea is displaced', 'deviating the trachea', 'deviates the trachea',
      'displacing the trachea', 'displaces the trachea', 'deviation of trachea']),
    ('26068009', 'C0264349', 'Mucoid impaction of bronchi', ['mucus plugging', 'mucoid impaction'],
     ['mucoid impaction of bronchi', 'mucoid impaction', 'mucus plugging', 'mucous plugging', 'mucus plug',
      'mucus plugs', 'mucous plug', 'mucous plugs', 'mucus impaction', 'mucous impaction', 'bronchial mucus plugging',
      'endobronchial mucus plugging', 'mucus-plugging', 'mucoid plugging', 'mucus plugged']),
    ('72535009', 'C0158779', 'Cervical rib', ['cervical rib'], ['cervical rib', 'cervical ribs']),
    ('372146004', 'C0742343', 'Acute Chest Syndrome', ['acute chest syndrome'], ['acute chest syndrome', 'acute chest syndromes']),
    ('14415006', 'C0032268', 'Pneumocephalus', ['pneumocephalus'],
     ['pneumocephalus', 'pneumocephaly', 'intracranial air', 'intracranial gas', 'pneumocephalous']),
    ('123608004', 'C0585008', 'Cholangiectasis', ['biliary dilatation', 'biliary duct dilatation',
                                                  'biliary ductal dilatation', 'bile duct dilatation'],
     ['cholangiectasis', 'dilation of the biliary system', 'biliary dilatation', 'biliary dilation',
      'biliary ductal dilatation', 'biliary ductal dilation', 'biliary duct dilatation', 'biliary duct dilation',
      'bile duct dilatation', 'bile duct dilation', 'intrahepatic biliary dilatation', 'intrahepatic biliary dilation',
      'intrahepatic biliary ductal dilatation', 'intrahepatic biliary ductal dilation', 'extrahepatic biliary dilatation',
      'extrahepatic biliary ductal dilatation', 'biliary tree dilatation', 'dilatation of the biliary tree',
      'biliary ectasia', 'dilated biliary tree', 'dilated bile ducts', 'dilated bile duct', 'dilated biliary ducts',
      'dilated intrahepatic bile ducts', 'dilated intrahepatic biliary ducts', 'dilated common bile duct', 'dilated CBD',
      'CBD dilatation', 'CBD dilation', 'common bile duct dilatation', 'common bile duct dilation', 'biliary dilatatation']),
    ('17465007', 'C0032266', 'Pneumatosis Cystoides Intestinalis', ['pneumatosis intestinalis', 'pneumatosis'],
     ['pneumatosis cystoides intestinalis', 'pneumatosis intestinalis', 'pneumatosis', 'intestinal pneumatosis',
      'pneumatosis coli', 'bowel wall pneumatosis', 'intramural bowel gas', 'intramural gas', 'intramural air',
      'pneumatosis intestinalis coli']),
    ('204942005', 'C0542519', 'Congenital absence of kidney', ['renal agenesis'],
     ['congenital absence of kidney', 'renal agenesis', 'agenesis of the kidney', 'agenesis of kidney',
      'unilateral renal agenesis', 'congenitally absent kidney', 'congenital absence of the kidney']),
    ('202141001', 'C0410330', 'Hill-Sachs Lesion', ['hill-sachs lesion'],
     ['hill-sachs lesion', 'hill sachs lesion', 'hill-sachs lesions', 'hill sachs lesions', 'hill-sachs deformity',
      'hill-sachs defect', 'hillsachs lesion', 'hill-sach lesion', 'hill-sachs impaction']),
    ('27123005', 'C0282074', 'Biliary Sludge', ['biliary sludge', 'gallbladder sludge'],
     ['biliary sludge', 'gallbladder sludge', 'sludge in the gallbladder', 'gallbladder sludge ball', 'sludge',
      'tumefactive sludge', 'sludge balls', 'sludge ball', 'layering sludge', 'biliary slude']),
    ('309088003', 'C0262613', 'Renal mass', ['renal mass', 'kidney mass'],
     ['renal mass', 'renal masses', 'kidney mass', 'kidney masses', 'mass of the kidney', 'mass in the kidney']),
    ('22625005', 'C0340161', 'Hematomediastinum', ['mediastinal hematoma'],
     ['hematomediastinum', 'mediastinal hematoma', 'mediastinal haematoma', 'haematomediastinum',
      'mediastinal hemorrhage', 'mediastinal haemorrhage']),
    ('444036008', 'C0854391', 'Injury of aorta', ['traumatic aortic injury', 'aortic injury'],
     ['injury of aorta', 'aortic injury', 'traumatic aortic injury', 'traumatic injury of the aorta', 'aortic injuries',
      'blunt aortic injury', 'traumatic aortic transection', 'aortic transection', 'injury of the aorta']),
    ('251047005', 'C0428851', 'Dilatation of pulmonary artery, unspecified',
     ['pulmonary artery enlargement', 'pulmonary artery dilatation', 'enlarged pulmonary artery',
      'enlarged pulmonary arteries'],
     ['dilatation of pulmonary artery', 'pulmonary artery enlargement', 'pulmonary artery dilatation',
      'pulmonary artery dilation', 'dilatation of the pulmonary artery', 'dilatation of the main pulmonary artery',
      'enlargement of the pulmonary artery', 'enlargement of the main pulmonary artery', 'main pulmonary artery enlargement',
      'main pulmonary artery dilatation']),
]
# (general finding, site, specific): the general finding stated at that site is the specific concept
SITE_ROWS = [
    ('25322007', '81040000', '251047005'), ('25322007', '34707002', '123608004'), ('25322007', '79741001', '123608004'),
    ('4147007', '64033007', '309088003'), ('35566002', '72410000', '22625005'),
]


def sno_rx(path):
    """(cui -> preferred term, cui -> SNOMED CT codes, cui -> terms) from the dictionary's HSQLDB script."""
    pref, sct, terms = {}, {}, {}
    for line in open(path, encoding='utf-8', errors='replace'):
        m = re.match(r"INSERT INTO (PREFTERM|SNOMEDCT_US|CUI_TERMS) VALUES\((\d+),(.*)\)$", line.rstrip('\n'))
        if not m:
            continue
        cui = f'C{int(m.group(2)):07d}'
        if m.group(1) == 'PREFTERM':
            pref[cui] = m.group(3)[1:-1].replace("''", "'")
        elif m.group(1) == 'SNOMEDCT_US':
            sct.setdefault(cui, set()).add(m.group(3))
        else:
            text = re.match(r"\d+,\d+,'(.*)','.*'$", m.group(3)).group(1).replace("''", "'")
            terms.setdefault(cui, set()).add(text)
    return pref, sct, terms


def apply(out, concepts, site_rows, tag, cite, why, curated):
    """Checks each concept against the dictionary file and Verhoeff, then appends its rows, synonyms and site refinement
    rows to the terminology files in out; tag (e.g. 'issue 11cw') names the blocks. Idempotent."""
    pref, sct, terms = sno_rx(os.environ['SNO_RX_SCRIPT'])
    csv_path = os.path.join(out, 'radiology-findings.csv')
    syn_path = os.path.join(out, 'radiology-findings-synonyms.tsv')
    ref_path = os.path.join(out, 'radiology-findings-refinements.tsv')
    codes = {(r[0], r[1]) for r in csv.reader(open(csv_path, encoding='utf-8'))}
    syn_lines = open(syn_path, encoding='utf-8').read().splitlines()
    taken = {l.split('\t')[2].lower(): l.split('\t')[1] for l in syn_lines[1:] if not l.startswith('#')}
    rows, syns, names = [], [], {}
    for code, cui, name, gold, words in concepts:
        if not verhoeff_ok(code):
            raise SystemExit(f'{code}: fails the SNOMED CT Verhoeff check')
        # a US-extension code (namespace 1000119) beside the international one is no ambiguity
        international = {c for c in sct.get(cui, ()) if c[-10:-3] != '1000119'}
        if pref.get(cui) != name or international != {code}:
            raise SystemExit(f'{code}: the dictionary gives {cui} {pref.get(cui)!r} codes {sct.get(cui)}, not {name!r} {code}')
        names[code] = name
        src = cite.format(cui=cui, name=name, code=code) + ' (' + why.format(gold=', NOCODE:'.join(gold)) + ')'
        if ('SNOMED', code) not in codes:
            rows.append(['SNOMED', code, name, 'Condition', 'Clinical Finding', 'S', '', src])
        dictionary_terms = {t.lower() for t in terms.get(cui, ())}
        for w in dict.fromkeys(words):
            prev = taken.get(w.lower())
            if prev == code:
                continue
            if prev is not None:
                raise SystemExit(f'{w!r} already names {prev}')
            taken[w.lower()] = code
            basis = (f'cTAKES sno_rx_16ab term of UMLS {cui} (UMLS 2016AB)' if w.lower() in dictionary_terms
                     else curated.format(name=name))
            syns.append(f'SNOMED\t{code}\t{w}\t{basis}')
    with open(csv_path, 'a', encoding='utf-8', newline='') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)
    if syns:
        with open(syn_path, 'a', encoding='utf-8') as f:
            if not any(l.startswith(f'# --- {tag}') for l in syn_lines):
                f.write(f'# --- {tag} (concepts coded from the cTAKES sno_rx_16ab dictionary; report wordings curated)\n')
            f.write(''.join(s + '\n' for s in syns))
    ref = open(ref_path, encoding='utf-8').read().splitlines()
    present = {tuple(l.split('\t')[:6]) for l in ref if not l.startswith('#')}
    # the NLP knows a site only as a row of radiology-findings.csv
    listed = list(csv.reader(open(csv_path, encoding='utf-8')))
    sites = {r[1]: r[2] for r in listed if r[3] == 'Spec Anatomic Site'}
    general = {r[1]: r[2] for r in listed if r[3] != 'Spec Anatomic Site'}
    add = []
    for gen, site, spec in site_rows:
        if site not in sites or gen not in general:
            raise SystemExit(f'{gen} at {site}: site or finding not in the terminology')
        key = ('SNOMED', gen, 'SNOMED', site, 'SNOMED', spec)
        if key not in present:
            add.append('\t'.join(key) + f'\tRadBridge: {general[gen]} at {sites[site]} = {names.get(spec) or general[spec]} ({tag})')
    if add:
        with open(ref_path, 'a', encoding='utf-8') as f:
            if not any(tag in l and l.startswith('#') for l in ref):
                f.write(f'# {tag}: concepts coded for gold NOCODE names from the cTAKES sno_rx_16ab dictionary\n')
            f.write('\n'.join(add) + '\n')
    print(f'{len(rows)} rows, {len(syns)} synonyms, {len(add)} refinement rows')


def main():
    apply(sys.argv[1], CONCEPTS, SITE_ROWS, 'issue 11cw', CITE, WHY, CURATED)


if __name__ == '__main__':
    main()
