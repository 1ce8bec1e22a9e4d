#!/usr/bin/env python3
# Issue 11: adds chest-radiograph (and other) findings, synonyms, crosswalk pairs and site refinements to
# terminology/codesystems/radiology-findings*, citing for every code the public source it was checked against.
#
# Inputs (local copies of public sources, through environment variables):
#   PYDICOM_SR_DIR     pydicom/pydicom@fb1f24e src/pydicom/sr (_concepts_dict.py: DICOM PS3.16 SNOMED CT codes)
#   PHENOTYPE_COHORTS  OHDSI/PhenotypeLibrary@40106e4 inst/cohorts (*.json concept sets: code, name, OMOP concept_id)
# A code found in neither is only accepted from the CURATED table below, whose rows say where the code was seen
# (the source column then says it was not machine-checked). The run stops when a "checked" code's name disagrees.
# Usage: PYDICOM_SR_DIR=... PHENOTYPE_COHORTS=... python3 add_findings_issue11.py terminology/codesystems
# Idempotent: rows already present (same vocabulary+code, or same synonym) are not added twice.
import csv, glob, json, os, re, sys

OUT = sys.argv[1]
sys.path.insert(0, os.environ['PYDICOM_SR_DIR'])
from _concepts_dict import concepts  # noqa: E402

PYD = {}
for kw, d in concepts['SCT'].items():
    for code, (meaning, cids) in d.items():
        PYD.setdefault(code, []).append((meaning, cids))
OHDSI = {}
for f in sorted(glob.glob(os.path.join(os.environ['PHENOTYPE_COHORTS'], '*.json'))):
    try:
        d = json.load(open(f))
    except (ValueError, UnicodeDecodeError):
        continue
    for cs in d.get('ConceptSets', []):
        for it in cs.get('expression', {}).get('items', []):
            c = it.get('concept', {})
            if c.get('VOCABULARY_ID') == 'SNOMED':
                OHDSI.setdefault(c['CONCEPT_CODE'], (c['CONCEPT_NAME'], c['CONCEPT_ID'], os.path.basename(f)))

CURATED = {
    # code: (SNOMED CT name, where the code/name pair was seen)
    '8186001': ('Cardiomegaly', "OHDSI study registry entry Covid19PredictionStudies (conditions: 'Cardiomegaly', OMOP concept_id 314658, "
                "SNOMED 8186001, http://snomed.info/id/8186001); replaces 287272002, which DICOM PS3.16 (pydicom@fb1f24e, keyword "
                "EnlargedSeptalForamenOfHeart) names 'Enlarged septal foramen of heart (disorder)'"),
    '409609008': ('Radiologic infiltrate of lung', "NLM UTS content view member SNOMEDCT_US/409609008 'Radiologic infiltrate of lung' (UMLS 2016AA)"),
}
SCT_ONLY = ("SNOMED CT International edition {code} |{name}| (RadBridge curation for issue 11; not in the local DICOM PS3.16 "
            "or OHDSI PhenotypeLibrary copies, so not machine-checked)")


def source(code, name):
    if code in OHDSI:
        n, cid, f = OHDSI[code]
        if n.lower() != name.lower():
            raise SystemExit(f'{code}: OHDSI name {n!r} != {name!r}')
        return f"OHDSI/PhenotypeLibrary@40106e4 inst/cohorts/{f} (concept set item SNOMED {code} '{n}', OMOP concept_id {cid})", cid
    if code in PYD:
        names = {m.lower() for m, _ in PYD[code]}
        if name.lower() not in names and not any(n.startswith(name.lower() + ' (') for n in names):
            raise SystemExit(f'{code}: DICOM names {names} lack {name!r}')
        cids = sorted({c for _, cs in PYD[code] for c in cs})
        where = f'CID {cids[0]}' if cids else 'concept table'
        return f"DICOM PS3.16 {where} (machine-readable copy pydicom/pydicom@fb1f24e src/pydicom/sr/_concepts_dict.py): {code} '{name}'", ''
    if code in CURATED:
        return CURATED[code][1], ('314658' if code == '8186001' else '')
    return SCT_ONLY.format(code=code, name=name), ''


# code|SNOMED CT name (as in the source)|display|domain|class|synonyms (';')
FINDINGS = """
8186001|Cardiomegaly|Cardiomegaly|Condition|Clinical Finding|
84089009|Hiatal hernia|Hiatal hernia|Condition|Clinical Finding|hiatal hernias;hiatus hernia;hiatus hernias;hernia hiatal;sliding hiatal hernia;paraesophageal hernia;para-esophageal hernia
298382003|Scoliosis deformity of spine|Scoliosis|Condition|Clinical Finding|scoliosis;scolioses;levoscoliosis;dextroscoliosis;levoconvex scoliosis;dextroconvex scoliosis;scoliotic curvature;scoliotic curve;scoliotic deformity;levoconvex curvature;dextroconvex curvature;levocurvature;dextrocurvature;thoracolumbar scoliosis;thoracic scoliosis;lumbar scoliosis;curvature of the spine;curvature of the thoracic spine;spinal curvature;levoscoliotic curvature;dextroscoliotic curvature;scoliotic;rotoscoliosis;levorotary scoliosis;dextrorotary scoliosis
414564002|Kyphosis deformity of spine|Kyphosis|Condition|Clinical Finding|kyphosis;kyphoses;kyphotic;kyphotic deformity;kyphotic curvature;thoracic kyphosis;accentuated kyphosis;exaggerated kyphosis;increased kyphosis;increased thoracic kyphosis;exaggerated thoracic kyphosis;kyphoscoliosis;kyphoscoliotic
87433001|Pulmonary emphysema|Pulmonary emphysema|Condition|Clinical Finding|lung emphysema;bullous emphysema;paraseptal emphysema;panlobular emphysema;emphysematous lungs;bullae;bulla;bullous disease;bullous changes
13645005|Chronic obstructive lung disease|Chronic obstructive lung disease|Condition|Clinical Finding|COPD;chronic obstructive pulmonary disease;chronic obstructive airway disease;chronic obstructive airways disease;obstructive lung disease;obstructive pulmonary disease;chronic obstructive lung disease
75320002|Spondylosis|Spondylosis|Condition|Clinical Finding|spondylosis;spondyloses;spondylotic change;spondylotic changes;spondylitic changes;thoracic spondylosis;lumbar spondylosis;cervical spondylosis;spondylosis deformans;degenerative changes of the spine;degenerative changes in the spine;degenerative changes of the thoracic spine;degenerative changes in the thoracic spine;degenerative changes of the lumbar spine;degenerative changes of the cervical spine;degenerative change of the spine;degenerative spine;degenerative spine disease;degenerative spinal changes;degenerative disease of the spine;degenerative thoracic spine;degenerative changes thoracic spine;thoracic spine degenerative changes;degenerative disc disease;degenerative disk disease;disc degeneration;disk degeneration;DDD;discogenic degenerative changes;multilevel degenerative changes;multilevel degenerative disc disease;degenerative endplate changes;facet arthropathy;facet joint arthropathy
312894000|Osteopenia|Osteopenia|Condition|Clinical Finding|osteopenia;osteopenic;osteopenic bones;diffuse osteopenia;demineralization;bone demineralization;demineralized bones;decreased bone density;decreased bone mineralization;decreased bone mineral density;osteopaenia
12295008|Bronchiectasis|Bronchiectasis|Condition|Clinical Finding|bronchiectases;bronchiectatic;bronchiectatic change;bronchiectatic changes;traction bronchiectasis;cylindrical bronchiectasis;varicose bronchiectasis;cystic bronchiectasis
51615001|Fibrosis of lung|Fibrosis of lung|Condition|Clinical Finding|pulmonary fibrosis;lung fibrosis;interstitial fibrosis;fibrotic lung disease;pulmonary fibrotic changes;fibrotic changes in the lungs;usual interstitial pneumonia;UIP;idiopathic pulmonary fibrosis;IPF
196115007|Pulmonary congestion and hypostasis|Pulmonary congestion|Condition|Clinical Finding|pulmonary congestion;pulmonary vascular congestion;vascular congestion;pulmonary venous congestion;central vascular congestion;central pulmonary vascular congestion;pulmonary venous hypertension;cephalization;cephalization of pulmonary vascularity;cephalization of the pulmonary vasculature;pulmonary vascular engorgement;vascular engorgement;pulmonary vascular prominence;prominent pulmonary vasculature;prominent pulmonary vascularity;increased pulmonary vascularity;vascular prominence;vascular redistribution;pulmonary venous distention;interstitial congestion;vascular plethora
101401000119103|Pulmonary granuloma|Pulmonary granuloma|Condition|Clinical Finding|lung granuloma;lung granulomas;pulmonary granulomas;calcified pulmonary granuloma;calcified lung granuloma;granulomata;calcified granulomata;calcified granulomatous disease;calcified granulomatous nodule;calcified granulomatous nodules;granulomatous calcification;granulomatous calcifications;old granulomatous disease;prior granulomatous disease;healed granulomatous disease;sequela of granulomatous disease;sequelae of granulomatous disease;sequela of prior granulomatous disease;sequelae of prior granulomatous disease;granulomatous changes;old granulomatous infection;healed granulomatous infection
3830001|Subcutaneous emphysema|Subcutaneous emphysema|Condition|Clinical Finding|subcutaneous air;subcutaneous gas;soft tissue emphysema;soft tissue air;surgical emphysema
409609008|Radiologic infiltrate of lung|Pulmonary infiltrate|Condition|Clinical Finding|infiltrate;infiltrates;infiltration;infiltrations;pulmonary infiltrate;pulmonary infiltrates;lung infiltrate;lung infiltrates;interstitial infiltrate;interstitial infiltrates;airspace infiltrate;airspace infiltrates;air space infiltrate;alveolar infiltrate;alveolar infiltrates;patchy infiltrate;patchy infiltrates;parenchymal infiltrate;infiltrative process;infiltrative changes;interstitial infiltration
786838002|Nodule of lung|Lung nodule|Condition|Clinical Finding|pulmonary nodule;pulmonary nodules;lung nodule;lung nodules;pulmonary micronodule;pulmonary micronodules;nodular density;nodular densities;nodular opacification;pulmonary nodular opacity;nodular lung opacity;pulmonary nodularity;nodule of lung
445249002|Multiple nodules of lung|Multiple lung nodules|Condition|Clinical Finding|multiple pulmonary nodules;multiple lung nodules;innumerable pulmonary nodules;innumerable lung nodules;bilateral pulmonary nodules;numerous pulmonary nodules;miliary nodules;miliary pattern
427359005|Solitary nodule of lung|Solitary pulmonary nodule|Condition|Clinical Finding|solitary pulmonary nodule;solitary lung nodule;SPN
301232003|Lesion of lung|Lung lesion|Condition|Clinical Finding|lung lesion;lung lesions;pulmonary lesion;pulmonary lesions;cavitary lesion;cavitary lesions;cavitary lung lesion;cavitating lesion
274533004|Abnormal findings on diagnostic imaging of lung|Lung opacity|Condition|Clinical Finding|opacity;opacities;opacification;opacifications;airspace opacity;airspace opacities;air space opacity;air space opacities;air-space opacity;air-space opacities;airspace opacification;airspace disease;air space disease;air-space disease;alveolar opacity;alveolar opacities;parenchymal opacity;parenchymal opacities;pulmonary opacity;pulmonary opacities;lung opacity;lung opacities;hazy opacity;hazy opacities;patchy opacity;patchy opacities;streaky opacity;streaky opacities;linear opacity;linear opacities;reticular opacity;reticular opacities;reticulonodular opacity;reticulonodular opacities;interstitial opacity;interstitial opacities;interstitial markings;increased interstitial markings;prominent interstitial markings;interstitial prominence;interstitial pattern;interstitial process;interstitial changes;reticular markings;reticular pattern;reticulation;reticular changes;increased lung markings;increased pulmonary markings;increased bronchovascular markings;prominent bronchovascular markings;coarse interstitial markings;coarsened interstitial markings;chronic interstitial markings;increased density;abnormal density;hazy density;patchy density;airspace process;alveolar process;peribronchial thickening;peribronchial cuffing;bronchial wall thickening;decreased translucency;infiltrative opacities;nodular interstitial markings
87500009|Hilar lymphadenopathy|Hilar lymphadenopathy|Condition|Clinical Finding|hilar adenopathy;hilar lymph node enlargement;enlarged hilar lymph nodes;enlarged hilar nodes;hilar lymphadenopathies
264508001|Bilateral hilar adenopathy|Bilateral hilar adenopathy|Condition|Clinical Finding|bilateral hilar lymphadenopathy;bilateral hilar adenopathy
191394000|Calcified lymph nodes|Calcified lymph nodes|Condition|Clinical Finding|calcified lymph node;calcified nodes;calcified node;calcified hilar lymph nodes;calcified hilar nodes;calcified mediastinal lymph nodes;calcified mediastinal nodes;calcified hilar lymph node;calcified mediastinal lymph node
233659006|Asbestos-induced pleural plaque|Pleural plaque|Condition|Clinical Finding|pleural plaque;pleural plaques;calcified pleural plaque;calcified pleural plaques;asbestos-related pleural plaques;asbestos related pleural plaques;asbestos plaques
24369008|Pulmonary sarcoidosis|Pulmonary sarcoidosis|Condition|Clinical Finding|pulmonary sarcoid
31541009|Sarcoidosis|Sarcoidosis|Condition|Clinical Finding|sarcoid
58554001|Empyema of pleura|Empyema|Condition|Clinical Finding|empyema;empyemas;pleural empyema;thoracic empyema
154283005|Pulmonary tuberculosis|Pulmonary tuberculosis|Condition|Clinical Finding|pulmonary TB;tuberculosis of lung;reactivation tuberculosis;post-primary tuberculosis;cavitary tuberculosis
56717001|Tuberculosis|Tuberculosis|Condition|Clinical Finding|TB;tuberculous
205237003|Pneumonitis|Pneumonitis|Condition|Clinical Finding|pneumonitides;aspiration pneumonitis;radiation pneumonitis;hypersensitivity pneumonitis;chemical pneumonitis
32398004|Bronchitis|Bronchitis|Condition|Clinical Finding|bronchitic changes;chronic bronchitis
195967001|Asthma|Asthma|Condition|Clinical Finding|reactive airways disease;reactive airway disease;asthmatic
441509002|Cardiac pacemaker in situ|Cardiac pacemaker in situ|Observation|Clinical Finding|pacemaker;pacemakers;pacer;cardiac pacemaker;permanent pacemaker;dual-chamber pacemaker;dual chamber pacemaker;pacemaker generator;pacer generator;pacemaker leads;pacer leads;pacemaker lead;pacer wires;pacing wires;pacing leads;pacing wire;PPM;pacemaker device;transvenous pacemaker;left-sided pacemaker;right-sided pacemaker;biventricular pacemaker
443325000|Automatic implantable cardiac defibrillator in situ|Implantable cardiac defibrillator in situ|Observation|Clinical Finding|AICD;ICD;defibrillator;implantable defibrillator;implantable cardioverter defibrillator;implantable cardioverter-defibrillator;automatic implantable cardioverter-defibrillator;defibrillator leads;defibrillator lead;pacemaker/defibrillator;pacer/defibrillator;pacemaker-defibrillator;cardiac defibrillator
419991009|Endotracheal tube present|Endotracheal tube present|Observation|Clinical Finding|
"""
# devices (physical objects, for the Support Devices label and device mentions): code|name|display|synonyms
DEVICES = """
52124006|Central venous catheter|Central venous catheter|central venous catheter;central venous catheters;central line;central lines;central venous line;CVC;PICC;PICC line;PICC lines;peripherally inserted central catheter;internal jugular catheter;internal jugular line;IJ line;IJ catheter;subclavian line;subclavian catheter;port-a-cath;Port-A-Cath;portacath;mediport;port catheter;chest port;venous port;power port;dialysis catheter;hemodialysis catheter;tunneled catheter;Hickman catheter;triple lumen catheter;introducer sheath;venous access catheter
397755005|Swann-Ganz catheter|Pulmonary artery catheter|Swan-Ganz catheter;Swan Ganz catheter;Swan-Ganz;pulmonary artery catheter;PA catheter
17102003|Nasogastric tube|Nasogastric tube|nasogastric tube;nasogastric tubes;NG tube;NGT;orogastric tube;OG tube;feeding tube;enteric tube;Dobhoff tube;Dobhoff;gastric tube;nasoenteric tube;Dobbhoff tube
26412008|Endotracheal tube|Endotracheal tube|endotracheal tubes;ET tube;ETT;ET-tube;endotracheal intubation;tracheostomy tube;tracheostomy;trach tube
65818007|Stent|Stent|stent;stents;stent graft;endograft;endovascular stent;coronary stent;coronary stents;biliary stent;esophageal stent;ureteral stent;tracheal stent;bronchial stent
"""

# anatomic sites (Spec Anatomic Site) added, and more wording for sites already present: code|name|display|synonyms
ANATOMY = """
278983006|Fissure of lung|Fissure of lung|fissure;fissures;minor fissure;major fissure;horizontal fissure;oblique fissure;interlobar fissure;right minor fissure;left major fissure;right major fissure
"""
ANATOMY_SYNONYMS = {
    '39607008': 'bases;lung apex;lung apices;apices;perihilar;perihilar region;lung field;lung fields;lung zone;lung zones;lingula;lingular;retrocardiac;bibasilar;basilar;bibasal;left base;right base;left lung base;right lung base;left lower lung;right lower lung;left upper lung;right upper lung;mid lung;midlung;mid lungs;upper lung;lower lung;upper lungs;lower lungs;lung zone;costophrenic angle;costophrenic angles',
    '122495006': 'thoracic vertebrae;thoracic vertebral bodies;thoracic vertebral body;thoracic spinal;thoracolumbar spine;thoracolumbar junction;midthoracic spine;lower thoracic spine;upper thoracic spine',
    '421060004': 'spinal',
    '5798000': 'diaphragmatic;left hemidiaphragm;right hemidiaphragm',
    '15825003': 'aortic arch;aortic knob;descending aorta;ascending aorta;thoracic aorta',
}

# a general finding at a site (any of the listed sites) = the specific concept
REFINE = [
    # (finding vocab, finding code, [site codes], specific code)
    ('SNOMED', '79654002', ['39607008', '45653009', '90572001', '72481006', '46750007', '278983006'], '19242006'),  # edema at lung/fissure
    ('SNOMED', '27925004', ['39607008', '45653009', '90572001', '72481006', '46750007'], '786838002'),  # nodule at lung
    ('SNOMED', '4147007', ['45653009', '90572001', '72481006', '46750007'], '309529002'),  # mass at lobe/hilum
    ('SNOMED', '49158009', ['39607008', '45653009', '90572001', '72481006', '46750007'], '87433001'),  # emphysema at lung
    ('SNOMED', '112674009', ['39607008', '45653009', '90572001', '72481006'], '51615001'),  # fibrosis at lung
    ('SNOMED', '45647009', ['39607008', '45653009', '90572001', '72481006', '46750007'], '101401000119103'),  # granuloma
    ('SNOMED', '52988006', ['39607008', '45653009', '90572001', '72481006', '46750007'], '301232003'),  # lesion at lung
    ('SNOMED', '396275006', ['421060004', '122494005', '122495006', '122496007', '51282000'], '75320002'),  # OA at spine
    ('SNOMED', '52515009', ['32849002', '5798000'], '84089009'),  # hernia at esophagus/diaphragm (hiatus)
    ('SNOMED', '125605004', ['122494005', '122495006', '122496007', '51282000', '421060004'], None),  # placeholder: no code
]
# "is a kind of" rows (no site) for concepts this script adds
ISA = [
    ('SNOMED', '27925004', 'SNOMED', '786838002'), ('SNOMED', '786838002', 'SNOMED', '445249002'),
    ('SNOMED', '786838002', 'SNOMED', '427359005'), ('SNOMED', '27925004', 'SNOMED', '445249002'),
    ('SNOMED', '49158009', 'SNOMED', '87433001'), ('SNOMED', '87433001', 'RadLex', 'RID28504'),
    ('SNOMED', '112674009', 'SNOMED', '51615001'), ('SNOMED', '45647009', 'SNOMED', '101401000119103'),
    ('SNOMED', '52988006', 'SNOMED', '301232003'), ('SNOMED', '30746006', 'SNOMED', '87500009'),
    ('SNOMED', '87500009', 'SNOMED', '264508001'), ('SNOMED', '30746006', 'SNOMED', '264508001'),
    ('SNOMED', '31541009', 'SNOMED', '24369008'), ('SNOMED', '56717001', 'SNOMED', '154283005'),
    ('SNOMED', '52515009', 'SNOMED', '84089009'), ('SNOMED', '396275006', 'SNOMED', '75320002'),
    ('SNOMED', '79654002', 'SNOMED', '19242006'), ('SNOMED', '274533004', 'SNOMED', '409609008'),
    ('SNOMED', '60046008', 'SNOMED', '58554001'), ('SNOMED', '274533004', 'RadLex', 'RID28531'),

]
CROSSWALK = [('84089009', 'RID4897', 'hiatal hernia'), ('298382003', 'RID4756', 'scoliosis'),
             ('12295008', 'RID28496', 'bronchiectasis')]
# synonyms moved off a general concept because the specific concept now owns them
MOVE_OFF = {('27925004', 'pulmonary nodule'), ('27925004', 'pulmonary nodules'), ('27925004', 'lung nodule'),
            ('27925004', 'lung nodules'), ('49158009', 'pulmonary emphysema'), ('112674009', 'pulmonary fibrosis'),
            ('112674009', 'interstitial fibrosis'), ('30746006', 'hilar adenopathy'), ('30746006', 'hilar lymphadenopathy'),
            ('27925004', 'nodular opacity'), ('95436008', 'airspace disease'), ('95436008', 'air space disease'), ('95436008', 'air-space disease'), ('27925004', 'nodular opacities'), ('79654002', 'soft tissue swelling')}
EXTRA_SYNONYMS = {  # more report wording for concepts already in the files
    '8186001': 'heart is large;heart is enlarged;heart is mildly enlarged;heart is moderately enlarged;heart is markedly enlarged;heart is slightly enlarged;heart size is large;heart size is enlarged;heart size is mildly enlarged;heart size is moderately enlarged;heart size is markedly enlarged;heart size is increased;enlarged heart size;increased heart size;cardiac silhouette is enlarged;cardiac silhouette is mildly enlarged;cardiac silhouette is moderately enlarged;cardiac silhouette is markedly enlarged;cardiac silhouette is large;enlarged cardiac contour;enlarged cardiac shadow;cardiac enlargement;cardiomegally;cardiomegaly;cardiomeglay;mild cardiomegaly;moderate cardiomegaly;marked cardiomegaly;massive cardiomegaly;enlargement of the heart;globular heart',
    '46621007': 'atelectatic;atelectatic change;atelectatic changes;atelectases;atelectasis;atelectasia;atelectasis or scarring;subsegmental atelectatic changes;lobar collapse;lung collapse;collapsed lung',
    '95436008': 'consolidation;consolidations;consolidative opacity;consolidative opacities;consolidative change;consolidative changes;focal consolidation;airspace consolidation;air space consolidation;lobar consolidation;consolidated',
    '233604007': 'pneumonias;pneumonic;bronchopneumonia;infection;infectious process;infectious infiltrate;lobar pneumonia;multifocal pneumonia;pneumonic infiltrate;pneumonia',
    '60046008': 'pleural effusion;pleural effusions;effusion;effusions;pleural fluid;small effusion;layering effusion;layering pleural effusion;blunting of the costophrenic angle;blunting of the costophrenic angles;blunted costophrenic angle;blunted costophrenic angles;costophrenic angle blunting;costophrenic blunting;blunting of the left costophrenic angle;blunting of the right costophrenic angle;blunting of the costophrenic sulcus;blunting of the costophrenic sulci;blunting of both costophrenic angles;subpulmonic effusion;loculated effusion;loculated pleural effusion;pleural effusión',
    '36118008': 'pneumothorax;pneumothoraces;pneumothoraxes;PTX;PNX;pneumothorax is seen;apical pneumothorax;tension pneumothorax;hydropneumothorax',
    '19242006': 'pulmonary edema;pulmonary oedema;interstitial edema;interstitial pulmonary edema;alveolar edema;kerley b lines;kerley lines;septal lines;interstitial fluid;fluid overload;volume overload;pulmonary interstitial edema;perihilar edema;vascular indistinctness;indistinct vasculature;indistinctness of the pulmonary vasculature;hazy vascular markings',
    '30746006': 'mediastinal lymphadenopathy;lymphadenopathy;adenopathy;lymph node enlargement;enlarged lymph nodes;enlarged nodes',
    '125605004': 'fracture deformity;fracture deformities;fractures;fractured',
    '33737001': 'rib fracture;rib fractures;fractured rib;fractured ribs;rib fx;broken rib;broken ribs',
    '58150001': 'clavicle fracture;clavicular fracture;fractured clavicle;clavicle fractures',
    '18115005': 'calcified density;calcified densities;calcific focus;calcific foci',
    '235231000119100': 'osteophytes;osteophytosis;osteophytic changes;osteophyte formation;spurring;bony spurring;anterior osteophytes;bridging osteophytes;marginal osteophytes;spurs;anterior spurring;syndesmophytes;hypertrophic spurring;osteophytic spurring;endplate osteophytes;degenerative osteophytes',
    '396275006': 'degenerative changes;degenerative change;degenerative disease;degenerative arthropathy;degenerative joint changes;arthritic changes;arthritic change;arthrosis',
    '64859006': 'osteoporotic;osteoporosis',
    '16838000': 'pneumomediastinum;mediastinal air;mediastinal emphysema',
    '28960008': 'atherosclerosis;atherosclerotic;atherosclerotic disease;atherosclerotic change;atherosclerotic changes;atherosclerotic calcification;atherosclerotic calcifications;aortic atherosclerosis;atherosclerotic aorta;arteriosclerotic;calcified atherosclerotic plaque;aortic calcification;aortic calcifications;calcified aorta;calcification of the aorta;calcifications of the aorta;aortic arch calcification;calcified aortic arch;aortic knob calcification;calcified aortic knob;vascular calcification;vascular calcifications;atheromatous calcification;atheromatous calcifications',
    '233703007': 'interstitial lung disease;ILD;chronic interstitial lung disease;interstitial lung diseases',
    '67362008': 'aneurysmal aorta;aneurysmal dilatation of the aorta',
}


def read_csv(path):
    with open(path, newline='') as f:
        return list(csv.reader(f))


def main():
    fc = os.path.join(OUT, 'radiology-findings.csv')
    fs = os.path.join(OUT, 'radiology-findings-synonyms.tsv')
    fx = os.path.join(OUT, 'radiology-findings-crosswalk.tsv')
    fr = os.path.join(OUT, 'radiology-findings-refinements.tsv')
    rows = read_csv(fc)
    header, body = rows[0], rows[1:]
    # 1. cardiomegaly: 287272002 is not Cardiomegaly in SNOMED CT
    body = [r for r in body if not (r[0] == 'SNOMED' and r[1] == '287272002')]
    have = {(r[0], r[1]) for r in body}
    added = []
    for line in FINDINGS.strip().splitlines():
        code, name, display, dom, cls, syn = line.split('|')
        if ('SNOMED', code) in have:
            continue
        src, cid = source(code, name)
        body.append(['SNOMED', code, display, dom, cls, 'S', str(cid) if cid else '', src])
        have.add(('SNOMED', code))
        added.append((code, display, name, syn, src))
    for line in DEVICES.strip().splitlines():
        code, name, display, syn = line.split('|')
        if ('SNOMED', code) in have:
            continue
        src, cid = source(code, name)
        body.append(['SNOMED', code, display, 'Device', 'Physical Object', 'S', str(cid) if cid else '', src])
        have.add(('SNOMED', code))
        added.append((code, display, name, syn, src))
    for line in ANATOMY.strip().splitlines():
        code, name, display, syn = line.split('|')
        if ('SNOMED', code) in have:
            continue
        src, cid = source(code, name)
        body.append(['SNOMED', code, display, 'Spec Anatomic Site', 'Body Structure', 'S', '', src])
        have.add(('SNOMED', code))
        added.append((code, display, name, syn, src))
    with open(fc, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(body)

    # 2. synonyms
    lines = open(fs).read().splitlines()
    out, seen = [], set()
    for ln in lines:
        if ln.startswith('#') or not ln.strip():
            out.append(ln)
            continue
        f = ln.split('\t')
        if f[0] == 'vocabulary_id':
            out.append(ln)
            continue
        if f[1] == '287272002':
            f[1] = '8186001'
            if '(concept name)' in f[3]:
                continue
        if (f[1], f[2].lower()) in MOVE_OFF:
            continue
        key = (f[0], f[1], f[2].lower())
        if key in seen:
            continue
        seen.add(key)
        out.append('\t'.join(f))
    curated = 'RadBridge curated for issue 11 (chest radiograph report wording, CheXpert labeler mention phrases (MIT), NegBio/pyConText lexicons, plurals, misspellings)'
    for code, display, name, syn, src in added:
        for s in [name] + [x for x in syn.split(';') if x]:
            key = ('SNOMED', code, s.lower())
            if key in seen or s.lower() == display.lower():
                continue
            seen.add(key)
            out.append('\t'.join(['SNOMED', code, s, (src + ' (concept name)') if s == name else curated]))
    for code, syns in list(EXTRA_SYNONYMS.items()) + list(ANATOMY_SYNONYMS.items()):
        for s in syns.split(';'):
            key = ('SNOMED', code, s.lower())
            if key in seen:
                continue
            seen.add(key)
            out.append('\t'.join(['SNOMED', code, s, curated]))
    open(fs, 'w').write('\n'.join(out) + '\n')

    # 3. crosswalk
    xl = open(fx).read().splitlines()
    xs = {tuple(l.split('\t')[:2]) for l in xl}
    for sct, rid, term in CROSSWALK:
        if (sct, rid) not in xs:
            xl.append(f'{sct}\t{rid}\tRadBridge: same preferred name in both sources ({term})')
    open(fx, 'w').write('\n'.join(xl) + '\n')

    # 4. refinements
    rl = [l.replace('SNOMED\t287272002', 'SNOMED\t8186001').replace('= Cardiomegaly', '= Cardiomegaly')
          for l in open(fr).read().splitlines()]
    rs = {tuple(l.split('\t')[:6]) for l in rl}
    names = {r[1]: r[2] for r in body if r[0] == 'SNOMED'}
    for voc, fcode, sites, spec in REFINE:
        if spec is None:
            continue
        for s in sites:
            if ('SNOMED', s) not in have:
                continue
            t = (voc, fcode, 'SNOMED', s, 'SNOMED', spec)
            if t not in rs:
                rl.append('\t'.join(t) + f'\tRadBridge: {names.get(fcode, fcode)} at {names.get(s, s)} = {names.get(spec, spec)}')
                rs.add(t)
    for gv, g, sv, s in ISA:
        t = (gv, g, '-', '-', sv, s)
        if t not in rs:
            rl.append('\t'.join(t) + f'\tRadBridge: {names.get(s, s)} is a kind of {names.get(g, g)}')
            rs.add(t)
    open(fr, 'w').write('\n'.join(rl) + '\n')
    print(f'added {len(added)} concepts', file=sys.stderr)


main()
