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
# Session 23 (helper 11t) changed rows it once added, in the TSV only, to the coordinator's label conventions
# (notes/s23/conventions.md): sternotomy / sternal wires and sutures and Kerley B / septal lines have no code; interstitial
# infiltrate(s) / infiltration = 274533004; femoral neck / intertrochanteric / subcapital fracture = 71620000. The words
# below are removed here too, so a rerun does not add them back. Session 24 (helper 11v, notes/s24/conventions.md):
# reactive airway(s) disease has no label; orogastric / OG tube = 25062003 (added by hand in the TSV).
import csv, json, os, re, sys

OUT = sys.argv[1]
sys.path.insert(0, os.environ['PYDICOM_SR_DIR'])
from _concepts_dict import concepts  # noqa: E402
import ohdsi_concept_sets

PYD = {}
for kw, d in concepts['SCT'].items():
    for code, (meaning, cids) in d.items():
        PYD.setdefault(code, []).append((meaning, cids))
OHDSI = ohdsi_concept_sets.snomed_concepts(os.environ['PHENOTYPE_COHORTS'])

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
    if code in OHDSI and (OHDSI[code][0].lower() == name.lower() or code not in PYD):
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
298382003|Scoliosis deformity of spine|Scoliosis|Condition|Clinical Finding|scoliosis;scolioses;levoscoliosis;dextroscoliosis;levoconvex scoliosis;dextroconvex scoliosis;scoliotic curvature;scoliotic curve;scoliotic deformity;levoconvex curvature;dextroconvex curvature;levocurvature;dextrocurvature;thoracolumbar scoliosis;thoracic scoliosis;lumbar scoliosis;levoscoliotic curvature;dextroscoliotic curvature;scoliotic;rotoscoliosis;levorotary scoliosis;dextrorotary scoliosis
414564002|Kyphosis deformity of spine|Kyphosis|Condition|Clinical Finding|kyphosis;kyphoses;kyphotic;kyphotic deformity;kyphotic curvature;thoracic kyphosis;accentuated kyphosis;exaggerated kyphosis;increased kyphosis;increased thoracic kyphosis;exaggerated thoracic kyphosis;kyphoscoliosis;kyphoscoliotic
87433001|Pulmonary emphysema|Pulmonary emphysema|Condition|Clinical Finding|lung emphysema;bullous emphysema;paraseptal emphysema;panlobular emphysema;emphysematous lungs;bullae;bulla;bullous disease;bullous changes
13645005|Chronic obstructive lung disease|Chronic obstructive lung disease|Condition|Clinical Finding|COPD;chronic obstructive pulmonary disease;chronic obstructive airway disease;chronic obstructive airways disease;obstructive lung disease;obstructive pulmonary disease;chronic obstructive lung disease
8847002|Spondylosis|Spondylosis|Condition|Clinical Finding|spondylosis;spondyloses;spondylotic change;spondylotic changes;spondylitic changes;thoracic spondylosis;lumbar spondylosis;cervical spondylosis;spondylosis deformans;degenerative changes of the spine;degenerative changes in the spine;degenerative changes of the thoracic spine;degenerative changes in the thoracic spine;degenerative changes of the lumbar spine;degenerative changes of the cervical spine;degenerative change of the spine;degenerative spine;degenerative spine disease;degenerative spinal changes;degenerative disease of the spine;degenerative thoracic spine;degenerative changes thoracic spine;thoracic spine degenerative changes;degenerative disc disease;degenerative disk disease;disc degeneration;disk degeneration;DDD;discogenic degenerative changes;multilevel degenerative changes;multilevel degenerative disc disease;degenerative endplate changes;facet arthropathy;facet joint arthropathy
312894000|Osteopenia|Osteopenia|Condition|Clinical Finding|osteopenia;osteopenic;osteopenic bones;diffuse osteopenia;demineralization;bone demineralization;demineralized bones;decreased bone density;decreased bone mineralization;decreased bone mineral density;osteopaenia
12295008|Bronchiectasis|Bronchiectasis|Condition|Clinical Finding|bronchiectases;bronchiectatic;bronchiectatic change;bronchiectatic changes;traction bronchiectasis;cylindrical bronchiectasis;varicose bronchiectasis;cystic bronchiectasis
51615001|Fibrosis of lung|Fibrosis of lung|Condition|Clinical Finding|pulmonary fibrosis;lung fibrosis;interstitial fibrosis;fibrotic lung disease;pulmonary fibrotic changes;fibrotic changes in the lungs;usual interstitial pneumonia;UIP;idiopathic pulmonary fibrosis;IPF
196115007|Pulmonary congestion and hypostasis|Pulmonary congestion|Condition|Clinical Finding|pulmonary congestion;pulmonary vascular congestion;vascular congestion;pulmonary venous congestion;central vascular congestion;central pulmonary vascular congestion;pulmonary venous hypertension;cephalization;cephalization of pulmonary vascularity;cephalization of the pulmonary vasculature;pulmonary vascular engorgement;vascular engorgement;pulmonary vascular prominence;prominent pulmonary vasculature;prominent pulmonary vascularity;increased pulmonary vascularity;vascular prominence;vascular redistribution;pulmonary venous distention;interstitial congestion;vascular plethora
101401000119103|Pulmonary granuloma|Pulmonary granuloma|Condition|Clinical Finding|lung granuloma;lung granulomas;pulmonary granulomas;calcified pulmonary granuloma;calcified lung granuloma;granulomata;calcified granulomata;calcified granulomatous disease;calcified granulomatous nodule;calcified granulomatous nodules;granulomatous calcification;granulomatous calcifications;old granulomatous disease;prior granulomatous disease;healed granulomatous disease;sequela of granulomatous disease;sequelae of granulomatous disease;sequela of prior granulomatous disease;sequelae of prior granulomatous disease;granulomatous changes;old granulomatous infection;healed granulomatous infection
3830001|Subcutaneous emphysema|Subcutaneous emphysema|Condition|Clinical Finding|subcutaneous air;subcutaneous gas;soft tissue emphysema;soft tissue air;surgical emphysema
409609008|Radiologic infiltrate of lung|Pulmonary infiltrate|Condition|Clinical Finding|infiltrate;infiltrates;infiltration;infiltrations;pulmonary infiltrate;pulmonary infiltrates;lung infiltrate;lung infiltrates;airspace infiltrate;airspace infiltrates;air space infiltrate;alveolar infiltrate;alveolar infiltrates;patchy infiltrate;patchy infiltrates;parenchymal infiltrate;infiltrative process;infiltrative changes
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
32398004|Bronchitis|Bronchitis|Condition|Clinical Finding|bronchitic changes
195967001|Asthma|Asthma|Condition|Clinical Finding|asthmatic
441509002|Cardiac pacemaker in situ|Cardiac pacemaker in situ|Observation|Clinical Finding|pacemaker;pacemakers;pacer;permanent pacemaker;dual-chamber pacemaker;dual chamber pacemaker;pacemaker generator;pacer generator;pacemaker leads;pacer leads;pacemaker lead;pacer wires;pacing wires;pacing leads;pacing wire;PPM;pacemaker device;transvenous pacemaker;left-sided pacemaker;right-sided pacemaker;biventricular pacemaker
443325000|Automatic implantable cardiac defibrillator in situ|Implantable cardiac defibrillator in situ|Observation|Clinical Finding|AICD;ICD;defibrillator;implantable defibrillator;implantable cardioverter defibrillator;implantable cardioverter-defibrillator;automatic implantable cardioverter-defibrillator;defibrillator leads;defibrillator lead;pacemaker/defibrillator;pacer/defibrillator;pacemaker-defibrillator;cardiac defibrillator
419991009|Endotracheal tube present|Endotracheal tube present|Observation|Clinical Finding|
"""
# devices (physical objects, for the Support Devices label and device mentions): code|name|display|synonyms
DEVICES = """
52124006|Central venous catheter|Central venous catheter|central venous catheter;central venous catheters;central line;central lines;central venous line;CVC;PICC;PICC line;PICC lines;peripherally inserted central catheter;internal jugular catheter;internal jugular line;IJ line;IJ catheter;subclavian line;subclavian catheter;port-a-cath;Port-A-Cath;portacath;mediport;port catheter;chest port;venous port;power port;dialysis catheter;hemodialysis catheter;tunneled catheter;Hickman catheter;triple lumen catheter;introducer sheath;venous access catheter
397755005|Swann-Ganz catheter|Pulmonary artery catheter|Swan-Ganz catheter;Swan Ganz catheter;Swan-Ganz;pulmonary artery catheter;PA catheter
17102003|Nasogastric tube|Nasogastric tube|nasogastric tube;nasogastric tubes;NG tube;NGT;enteric tube;Dobhoff tube;Dobhoff;gastric tube;nasoenteric tube;Dobbhoff tube
26412008|Endotracheal tube|Endotracheal tube|endotracheal tubes;ET tube;ETT;ET-tube;endotracheal intubation
65818007|Stent|Stent|stent;stents;stent graft;endograft;endovascular stent;coronary stent;coronary stents;biliary stent;esophageal stent;tracheal stent;bronchial stent
"""

# anatomic sites (Spec Anatomic Site) added, and more wording for sites already present: code|name|display|synonyms
ANATOMY = """
62413002|Radius|Radius|radial;distal radius;radial head;radial styloid
23416004|Ulna|Ulna|ulnar;ulnar styloid;distal ulna
70258002|Ankle joint|Ankle joint|ankle joint;medial malleolus;lateral malleolus;posterior malleolus;malleolus;malleolar;bimalleolar;trimalleolar
87342007|Fibula|Fibula|fibular;distal fibula;fibular head
69105007|Carotid Artery|Carotid artery|carotid;carotid artery;carotid arteries;carotid bulb;carotid bifurcation
86117002|Internal carotid artery|Internal carotid artery|ICA;internal carotid arteries
32062004|Common carotid artery|Common carotid artery|CCA;common carotid arteries
6423006|Supraspinatus muscle|Supraspinatus|supraspinatus;supraspinatus tendon;infraspinatus tendon;infraspinatus;subscapularis tendon;rotator cuff tendon;rotator cuff tendons;rotator cuff
306783000|Tibial Plateau|Tibial plateau|tibial plateau;lateral tibial plateau;medial tibial plateau
46385009|Glenoid structure (body structure)|Glenoid|glenoid;glenoid labrum;superior labrum;anterior labrum;posterior labrum;glenoid rim
24136001|Hip joint|Hip joint|hip joint
85234005|Vertebral artery|Vertebral artery|vertebral artery;vertebral arteries
278983006|Fissure of lung|Fissure of lung|fissure;fissures;minor fissure;major fissure;horizontal fissure;oblique fissure;interlobar fissure;right minor fissure;left major fissure;right major fissure
"""
ANATOMY_SYNONYMS = {
    '39607008': 'bases;lung apex;lung apices;apices;perihilar;perihilar region;lung field;lung fields;lung zone;lung zones;lingula;lingular;retrocardiac;bibasilar;basilar;bibasal;left base;right base;left lung base;right lung base;left lower lung;right lower lung;left upper lung;right upper lung;mid lung;midlung;mid lungs;upper lung;lower lung;upper lungs;lower lungs;lung zone;costophrenic angle;costophrenic angles',
    '122495006': 'thoracic vertebrae;thoracic vertebral bodies;thoracic vertebral body;thoracic spinal;thoracolumbar spine;thoracolumbar junction;midthoracic spine;lower thoracic spine;upper thoracic spine',
    '421060004': 'spinal',
    '46750007': 'hilar',
    '12738006': 'frontal lobe;parietal lobe;temporal lobe;occipital lobe;cerebellar;cerebellar hemisphere;thalamus;thalamic;basal ganglia;cerebral hemisphere;brainstem;brain stem;pons;midbrain;corona radiata;centrum semiovale',
    '816092008': 'pubic rami;pubic ramus;superior pubic ramus;inferior pubic ramus;acetabulum;acetabular;iliac wing;iliac bone;ischium;pubic symphysis',
    '7832008': 'infrarenal aorta;infrarenal abdominal aorta;suprarenal aorta',
    '5798000': 'diaphragmatic;left hemidiaphragm;right hemidiaphragm',
    '15825003': 'aortic arch;aortic knob;descending aorta;ascending aorta',
}


# Round 2: abdomen, neuro, vascular, MSK, breast and chest CT findings whose code and name the local DICOM PS3.16 and
# OHDSI PhenotypeLibrary copies give (the run checks each).
FINDINGS2 = """
8725005|Abscess of prostate|Prostatic abscess|Condition|Clinical Finding|prostatic abscess;prostate abscess
22323009|Acute bowel infarction|Acute bowel infarction|Condition|Clinical Finding|bowel infarction;bowel ischemia;ischemic bowel;infarcted bowel
197456007|Acute pancreatitis|Acute pancreatitis|Condition|Clinical Finding|acute interstitial pancreatitis;acute edematous pancreatitis
36689008|Acute pyelonephritis|Acute pyelonephritis|Condition|Clinical Finding|
36184004|Aneurysm of renal artery|Renal artery aneurysm|Condition|Clinical Finding|renal artery aneurysm;renal artery aneurysms
75236001|Anorectal abscess|Anorectal abscess|Condition|Clinical Finding|perirectal abscess;perianal abscess
127140000|Aortic lymphadenopathy|Aortic lymphadenopathy|Condition|Clinical Finding|para-aortic lymphadenopathy;paraaortic lymphadenopathy;periaortic lymphadenopathy;retrocrural lymphadenopathy
45281005|Atherosclerosis of renal artery|Renal artery atherosclerosis|Condition|Clinical Finding|renal artery atherosclerosis
447249001|Benign cyst of ovary|Ovarian cyst|Condition|Clinical Finding|ovarian cyst;ovarian cysts;adnexal cyst;adnexal cysts;simple ovarian cyst;follicular cyst;corpus luteum cyst;hemorrhagic ovarian cyst
266474003|Biliary calculus|Biliary calculus|Condition|Clinical Finding|choledocholithiasis;common bile duct stone;common bile duct stones;CBD stone;bile duct stone;bile duct stones;biliary stone;biliary stones
1761006|Biliary cirrhosis|Biliary cirrhosis|Condition|Clinical Finding|
28670008|Esophageal varices|Esophageal varices|Condition|Clinical Finding|esophageal varix;oesophageal varices;paraesophageal varices;gastroesophageal varices
127117004|Celiac lymphadenopathy|Celiac lymphadenopathy|Condition|Clinical Finding|celiac axis lymphadenopathy
235494005|Chronic pancreatitis|Chronic pancreatitis|Condition|Clinical Finding|
63302006|Chronic pyelonephritis|Chronic pyelonephritis|Condition|Clinical Finding|
4494009|Diverticulitis of large intestine|Diverticulitis of colon|Condition|Clinical Finding|sigmoid diverticulitis;colonic diverticulitis;diverticulitis of the sigmoid colon
7399006|Emphysematous gastritis|Emphysematous gastritis|Condition|Clinical Finding|
64613007|Enteritis of small intestine|Enteritis|Condition|Clinical Finding|enteritis;small bowel enteritis;ileitis;terminal ileitis
14720231000119109|Epiploic appendagitis|Epiploic appendagitis|Condition|Clinical Finding|
16761005|Esophagitis|Esophagitis|Condition|Clinical Finding|oesophagitis
95563007|Gallstone pancreatitis|Gallstone pancreatitis|Condition|Clinical Finding|biliary pancreatitis
4556007|Gastritis|Gastritis|Condition|Clinical Finding|
397825006|Gastric ulcer|Gastric ulcer|Condition|Clinical Finding|gastric ulcers;stomach ulcer
25374005|Gastroenteritis|Gastroenteritis|Condition|Clinical Finding|
126765001|Gastrointestinal obstruction|Gastrointestinal obstruction|Condition|Clinical Finding|gastric outlet obstruction;gastrointestinal obstruction
51875005|Gastrointestinal perforation|Gastrointestinal perforation|Condition|Clinical Finding|perforated viscus;hollow viscus perforation;perforated duodenal ulcer
74474003|Gastrointestinal hemorrhage|Gastrointestinal hemorrhage|Condition|Clinical Finding|gastrointestinal bleeding;GI bleed;GI bleeding
83940008|Hepatic artery thrombosis|Hepatic artery thrombosis|Condition|Clinical Finding|
62484002|Hepatic fibrosis|Hepatic fibrosis|Condition|Clinical Finding|liver fibrosis
17890003|Hepatic infarction|Hepatic infarction|Condition|Clinical Finding|liver infarct;hepatic infarct
38739001|Hepatic vein thrombosis|Hepatic vein thrombosis|Condition|Clinical Finding|Budd-Chiari
127143003|Intestinal lymphadenopathy|Intestinal lymphadenopathy|Condition|Clinical Finding|
36046008|Ischiorectal abscess|Ischiorectal abscess|Condition|Clinical Finding|
141701000119101|Lesion of spleen|Splenic lesion|Condition|Clinical Finding|splenic lesion;splenic lesions;lesion of the spleen
300492006|Lesion of testis|Testicular lesion|Condition|Clinical Finding|testicular lesion;testicular mass
3558002|Mesenteric infarction|Mesenteric infarction|Condition|Clinical Finding|mesenteric ischemia
127144009|Mesenteric lymphadenopathy|Mesenteric lymphadenopathy|Condition|Clinical Finding|mesenteric adenopathy;mesenteric lymph node enlargement
95446005|Thrombosis of mesenteric vein|Mesenteric vein thrombosis|Condition|Clinical Finding|mesenteric vein thrombosis;mesenteric venous thrombosis
23794001|Paratracheal lymphadenopathy|Paratracheal lymphadenopathy|Condition|Clinical Finding|paratracheal adenopathy
127158006|Pelvic lymphadenopathy|Pelvic lymphadenopathy|Condition|Clinical Finding|pelvic adenopathy;iliac lymphadenopathy
45816000|Pyelonephritis|Pyelonephritis|Condition|Clinical Finding|
248523006|Rectal mass|Rectal mass|Condition|Clinical Finding|rectal masses
127154008|Retroperitoneal lymphadenopathy|Retroperitoneal lymphadenopathy|Condition|Clinical Finding|retroperitoneal adenopathy
22996003|Splenic infarction|Splenic infarction|Condition|Clinical Finding|splenic infarct;splenic infarcts
14534009|Splenic vein thrombosis|Splenic vein thrombosis|Condition|Clinical Finding|
82893001|Splenic atrophy|Splenic atrophy|Condition|Clinical Finding|
56517003|Splenic hemorrhage|Splenic hemorrhage|Condition|Clinical Finding|splenic laceration;splenic hematoma
197001004|Superior mesenteric vein thrombosis|Superior mesenteric vein thrombosis|Condition|Clinical Finding|SMV thrombosis
196999001|Superior mesenteric artery embolus|Superior mesenteric artery embolus|Condition|Clinical Finding|SMA embolus;SMA occlusion
84272007|Thrombosis of abdominal aorta|Abdominal aortic thrombosis|Condition|Clinical Finding|
82453008|Thrombosis of iliac artery|Iliac artery thrombosis|Condition|Clinical Finding|iliac artery occlusion
864191000000104|Thrombosis of internal jugular vein|Internal jugular vein thrombosis|Condition|Clinical Finding|internal jugular vein thrombosis;IJ thrombosis
15842009|Thrombosis of renal vein|Renal vein thrombosis|Condition|Clinical Finding|renal vein thrombosis
438647008|Thrombosis of subclavian vein|Subclavian vein thrombosis|Condition|Clinical Finding|subclavian vein thrombosis
297156001|Axillary vein thrombosis|Axillary vein thrombosis|Condition|Clinical Finding|
234509000|Torsion of spleen|Splenic torsion|Condition|Clinical Finding|
1755008|Old myocardial infarction|Old myocardial infarction|Condition|Clinical Finding|old myocardial infarct;prior myocardial infarction
85598007|Constrictive pericarditis|Constrictive pericarditis|Condition|Clinical Finding|
53741008|Coronary arteriosclerosis|Coronary artery disease|Condition|Clinical Finding|coronary artery disease;CAD;coronary atherosclerosis;coronary artery calcification;coronary artery calcifications;coronary calcification;coronary calcifications;coronary arterial calcification;calcified coronary arteries;atherosclerotic coronary artery disease
56786000|Pulmonic valve stenosis|Pulmonic valve stenosis|Condition|Clinical Finding|pulmonary valve stenosis;pulmonic stenosis
90539001|Ventricular Aneurysm|Ventricular aneurysm|Condition|Clinical Finding|left ventricular aneurysm;LV aneurysm
373133002|Enlarged Aortic Root|Enlarged aortic root|Condition|Clinical Finding|dilated aortic root;aortic root dilatation;aortic root dilation
373134008|Aneurysm of Aortic Root|Aortic root aneurysm|Condition|Clinical Finding|aortic root aneurysm
65198009|Arterial thrombosis|Arterial thrombosis|Condition|Clinical Finding|arterial thrombus
111293003|Venous thrombosis|Venous thrombosis|Condition|Clinical Finding|venous thrombus;venous thromboembolism;VTE
20059004|Cerebral artery occlusion|Cerebral artery occlusion|Condition|Clinical Finding|MCA occlusion;middle cerebral artery occlusion
75543006|Cerebral embolism|Cerebral embolism|Condition|Clinical Finding|
274100004|Cerebral hemorrhage|Cerebral hemorrhage|Condition|Clinical Finding|cerebral haemorrhage;intraparenchymal hematoma;lobar hemorrhage
71444005|Cerebral thrombosis|Cerebral thrombosis|Condition|Clinical Finding|
418143002|Cerebral degeneration|Cerebral degeneration|Condition|Clinical Finding|
297157005|Intracranial venous thrombosis|Cerebral venous thrombosis|Condition|Clinical Finding|cerebral venous thrombosis;dural venous sinus thrombosis;venous sinus thrombosis;sinus thrombosis;CVST
64775002|Vertebral artery thrombosis|Vertebral artery thrombosis|Condition|Clinical Finding|vertebral artery occlusion
427020007|Cerebral vasculitis|Cerebral vasculitis|Condition|Clinical Finding|CNS vasculitis
4120002|Bronchiolitis|Bronchiolitis|Condition|Clinical Finding|infectious bronchiolitis
63480004|Chronic bronchitis|Chronic bronchitis|Condition|Clinical Finding|
328511000119109|Saddle embolus of pulmonary artery|Saddle pulmonary embolus|Condition|Clinical Finding|saddle embolus;saddle pulmonary embolus;saddle pulmonary embolism
441557008|Septic pulmonary embolism|Septic pulmonary emboli|Condition|Clinical Finding|septic emboli;septic pulmonary emboli
133971000119108|Chronic pulmonary embolism|Chronic pulmonary embolism|Condition|Clinical Finding|chronic pulmonary emboli;chronic thromboembolic disease
233947005|Chronic thromboembolic pulmonary hypertension|Chronic thromboembolic pulmonary hypertension|Condition|Clinical Finding|CTEPH
371082009|Arthritis of spine|Arthritis of spine|Condition|Clinical Finding|spinal arthritis
203241002|Osteomyelitis of vertebra|Vertebral osteomyelitis|Condition|Clinical Finding|vertebral osteomyelitis;discitis-osteomyelitis;spondylodiscitis
6411000179107|Edema of bone marrow|Bone marrow edema|Condition|Clinical Finding|bone marrow edema;marrow edema;bone marrow oedema;bone bruise;bone bruising;bone contusion;bone marrow edema pattern
372941008|Pyogenic arthritis of hip|Septic arthritis of hip|Condition|Clinical Finding|septic hip
231850002|Orbital emphysema|Orbital emphysema|Condition|Clinical Finding|orbital air
82119001|Thyroiditis|Thyroiditis|Condition|Clinical Finding|
234097001|Lymphedema|Lymphedema|Condition|Clinical Finding|lymphoedema
19471005|Lymphadenitis|Lymphadenitis|Condition|Clinical Finding|
44298000|Lymph node abscess|Lymph node abscess|Condition|Clinical Finding|nodal abscess
191394000|Calcified lymph nodes|Calcified lymph nodes|Condition|Clinical Finding|
274744005|Localized enlarged lymph nodes|Localized enlarged lymph nodes|Condition|Clinical Finding|
195967001|Asthma|Asthma|Condition|Clinical Finding|
56021002|Seroma|Seroma|Condition|Morph Abnormality|seromas;postoperative seroma;postsurgical seroma
42385006|Galactocele|Galactocele|Condition|Morph Abnormality|galactoceles
4754008|Gynecomastia|Gynecomastia|Condition|Morph Abnormality|gynaecomastia
51398009|Hamartoma|Hamartoma|Condition|Morph Abnormality|hamartomas;pulmonary hamartoma;fibroadenolipoma
5244003|Intraductal papilloma|Intraductal papilloma|Condition|Morph Abnormality|intraductal papillomas
711329002|Papilloma|Papilloma|Condition|Morph Abnormality|papillomas;papillary lesion;papillary lesions
71232009|Phyllodes tumor|Phyllodes tumor|Condition|Morph Abnormality|phyllodes tumour;phylloides tumor
57597008|Adenosis|Adenosis|Condition|Morph Abnormality|
50916005|Sclerosing adenosis|Sclerosing adenosis|Condition|Morph Abnormality|
6660000|Atypical intraductal hyperplasia|Atypical ductal hyperplasia|Condition|Morph Abnormality|atypical ductal hyperplasia;ADH
33889003|Atypical lobular hyperplasia|Atypical lobular hyperplasia|Condition|Morph Abnormality|ALH
27431007|Fibrocystic disease of breast|Fibrocystic change of breast|Condition|Clinical Finding|fibrocystic change;fibrocystic changes;fibrocystic breast changes;fibrocystic disease;fibrocystic breast tissue
109888004|Lobular carcinoma in situ of breast|Lobular carcinoma in situ|Condition|Clinical Finding|lobular carcinoma in situ;LCIS
89740008|Invasive lobular carcinoma|Invasive lobular carcinoma|Condition|Morph Abnormality|ILC;infiltrating lobular carcinoma
82711006|Infiltrating duct carcinoma|Invasive ductal carcinoma|Condition|Morph Abnormality|invasive ductal carcinoma;IDC;infiltrating ductal carcinoma
1162814007|Non-infiltrating intraductal carcinoma|Ductal carcinoma in situ|Condition|Morph Abnormality|ductal carcinoma in situ;DCIS;intraductal carcinoma
32968003|Inflammatory carcinoma|Inflammatory carcinoma|Condition|Morph Abnormality|inflammatory breast cancer;inflammatory breast carcinoma
19928005|Fibromatosis|Fibromatosis|Condition|Morph Abnormality|desmoid;desmoid tumor
419670003|Epidermal inclusion cyst|Epidermal inclusion cyst|Condition|Morph Abnormality|epidermal inclusion cysts;epidermoid cyst;sebaceous cyst
76649007|Sebaceous cyst of skin of breast|Sebaceous cyst of skin of breast|Condition|Clinical Finding|
45559001|Focal fibrosis|Focal fibrosis|Condition|Morph Abnormality|
1896004|Ectopic (accessory) breast tissue|Accessory breast tissue|Condition|Morph Abnormality|accessory breast tissue;ectopic breast tissue
89164003|Breast lump|Breast lump|Condition|Clinical Finding|palpable lump;palpable breast lump;breast lump;lump in the breast
87386002|Peau d'orange surface of breast|Peau d'orange|Condition|Clinical Finding|peau d'orange;peau d orange
129795008|Trabecular thickening of breast|Trabecular thickening of breast|Condition|Clinical Finding|trabecular thickening
129794007|Tubular density|Tubular density|Condition|Clinical Finding|tubular densities
129742005|Spiculated lesion|Spiculated lesion|Condition|Clinical Finding|spiculated lesion
129741003|Indistinct lesion|Indistinct lesion|Condition|Clinical Finding|indistinct margins;indistinctly marginated mass
129740002|Obscured lesion|Obscured lesion|Condition|Clinical Finding|obscured margins
129738007|Circumscribed lesion|Circumscribed lesion|Condition|Clinical Finding|circumscribed margins
27637000|Dextrocardia|Dextrocardia|Condition|Clinical Finding|
7305005|Coarctation of the Aorta|Coarctation of aorta|Condition|Clinical Finding|aortic coarctation;coarctation of the aorta;coarctation
70142008|Atrial Septal defect|Atrial septal defect|Condition|Clinical Finding|ASD;atrial septal defects
30288003|Ventricular Septal defect|Ventricular septal defect|Condition|Clinical Finding|VSD;ventricular septal defects
35304003|Pericardial tamponade|Cardiac tamponade|Condition|Clinical Finding|cardiac tamponade;tamponade;pericardial tamponade
86299006|Tetralogy of Fallot|Tetralogy of Fallot|Condition|Clinical Finding|TOF
48434008|atheroma|Atheroma|Condition|Morph Abnormality|atheromas;atheromatous disease;atheromatous plaque;atheromatous plaques
29483008|calcified atheromatous plaque|Calcified atheromatous plaque|Condition|Morph Abnormality|calcified plaque;calcified plaques;calcified atherosclerotic plaque;calcified atherosclerotic plaques;calcified atheromatous plaques
62189002|ulcerated atheromatous plaque|Ulcerated plaque|Condition|Morph Abnormality|ulcerated plaque;ulcerated plaques
74937006|complicated atheromatous plaque|Complicated plaque|Condition|Morph Abnormality|
15690004|tortuosity|Tortuosity|Condition|Morph Abnormality|tortuous;tortuous aorta;tortuosity of the aorta;aortic tortuosity;tortuous thoracic aorta;tortuous descending aorta;tortuous descending thoracic aorta;tortuous aortic arch;tortuous and ectatic aorta;tortuous ectatic aorta;ectatic aorta;ectasia of the aorta;aortic ectasia;ectatic thoracic aorta;tortuous vessels;vascular tortuosity;tortuous vasculature
31653004|fibromuscular dysplasia|Fibromuscular dysplasia|Condition|Morph Abnormality|FMD
125273000|calcified aneurysm|Calcified aneurysm|Condition|Morph Abnormality|
85431000|fusiform aneurysm|Fusiform aneurysm|Condition|Morph Abnormality|
54002007|saccular aneurysm|Saccular aneurysm|Condition|Morph Abnormality|berry aneurysm
22039006|ruptured aneurysm|Ruptured aneurysm|Condition|Morph Abnormality|aneurysm rupture
125271003|thrombosed aneurysm|Thrombosed aneurysm|Condition|Morph Abnormality|
51668007|mycotic aneurysm|Mycotic aneurysm|Condition|Morph Abnormality|
107671003|vascular sclerosis|Vascular sclerosis|Condition|Morph Abnormality|
129751002|Eggshell calcification|Eggshell calcification|Condition|Clinical Finding|eggshell calcifications
129755006|Punctate calcification|Punctate calcification|Condition|Clinical Finding|punctate calcifications
129754005|Lucent-centered calcification|Lucent-centered calcification|Condition|Clinical Finding|lucent-centered calcifications;lucent centered calcifications
129759000|Vascular calcification|Vascular calcification of breast|Condition|Clinical Finding|
129761009|Fine, linear (casting) calcification|Fine linear calcification|Condition|Clinical Finding|
129763007|Heterogeneous calcification|Heterogeneous calcification|Condition|Clinical Finding|coarse heterogeneous calcification
129750001|Dystrophic calcification|Dystrophic calcification|Condition|Clinical Finding|dystrophic calcifications
129752009|Large rod-like calcification|Large rod-like calcification|Condition|Clinical Finding|rod-like calcifications;secretory calcifications
129753004|Milk of calcium calcification|Milk of calcium|Condition|Clinical Finding|milk of calcium;milk of calcium calcifications
129756007|Round shaped calcification|Round calcification|Condition|Clinical Finding|round calcifications
129764001|Diffuse calcification distribution|Diffuse calcifications|Condition|Clinical Finding|diffuse calcifications;scattered calcifications
129765000|Linear calcification distribution|Linear calcifications|Condition|Clinical Finding|linear distribution
129766004|Grouped calcification distribution|Grouped calcification distribution|Condition|Clinical Finding|grouped distribution
129767008|Radiographic calcification with regional distribution (finding)|Regional calcifications|Condition|Clinical Finding|regional distribution
129768003|Radiographic calcification with segmental distribution (finding)|Segmental calcifications|Condition|Clinical Finding|segmental calcifications;segmental distribution
129793001|Mammographic breast density (finding)|Mammographic breast density|Observation|Clinical Finding|
129717001|Scattered fibroglandular densities|Scattered fibroglandular densities|Observation|Clinical Finding|scattered areas of fibroglandular density;scattered fibroglandular density
82403002|Cholangitis|Cholangitis|Condition|Clinical Finding|ascending cholangitis;primary sclerosing cholangitis;PSC
63198006|Chondromalacia|Chondromalacia|Condition|Clinical Finding|chondromalacia patellae;chondral thinning;chondrosis
34000006|Crohn's disease|Crohn's disease|Condition|Clinical Finding|Crohn disease;Crohns disease;Crohn's
40478000|Cyst of thymus gland|Thymic cyst|Condition|Clinical Finding|thymic cyst
700097003|Fracture of bone of hip region|Fracture of bone of hip region|Condition|Clinical Finding|fracture of bone of hip region
90560007|Gout|Gout|Condition|Clinical Finding|gouty arthritis;gouty erosions;tophaceous gout
230698000|Lacunar infarction|Lacunar infarct|Condition|Clinical Finding|lacunar infarct;lacunar infarcts;lacunar infarction;lacune;lacunes;lacunar stroke
22811006|Leukoencephalopathy|Leukoencephalopathy|Condition|Clinical Finding|leukoaraiosis;white matter disease;small vessel ischemic disease;small vessel ischemic changes;chronic small vessel ischemic disease;chronic microvascular ischemic changes;microvascular ischemic changes;microangiopathic changes;chronic microvascular ischemic disease
109989006|Multiple myeloma|Multiple myeloma|Condition|Clinical Finding|myeloma
24700007|Multiple sclerosis|Multiple sclerosis|Condition|Clinical Finding|demyelinating disease;demyelination
277844007|Pulmonary lymphangioleiomyomatosis|Lymphangioleiomyomatosis|Condition|Clinical Finding|lymphangioleiomyomatosis;LAM
69896004|Rheumatoid arthritis|Rheumatoid arthritis|Condition|Clinical Finding|
64766004|Ulcerative colitis|Ulcerative colitis|Condition|Clinical Finding|
76107001|Spinal stenosis|Spinal stenosis|Condition|Clinical Finding|spinal canal stenosis;canal stenosis;central canal stenosis;spinal stenoses;lumbar spinal stenosis;cervical spinal stenosis;neural foraminal stenosis;foraminal stenosis;foraminal narrowing;neuroforaminal narrowing;neuroforaminal stenosis;spinal canal narrowing
274152003|Spondylolisthesis|Spondylolisthesis|Condition|Clinical Finding|anterolisthesis;retrolisthesis;listhesis;degenerative spondylolisthesis;grade 1 anterolisthesis;grade I anterolisthesis
31892009|Hemothorax|Hemothorax|Condition|Clinical Finding|haemothorax;hemothoraces;hemorrhagic pleural effusion
233645004|Tension pneumothorax|Tension pneumothorax|Condition|Clinical Finding|
"""
DEVICES2 = """
14106009|Cardiac pacemaker|Cardiac pacemaker device|
360129009|Cardiac pacemaker lead|Cardiac pacemaker lead|
19923001|Catheter|Catheter|catheter;catheters;drainage catheter;pigtail catheter
63562005|Cervical collar|Cervical collar|cervical collar;C-collar
25062003|Feeding tube|Feeding tube|gastrostomy tube;G-tube;PEG tube;percutaneous gastrostomy tube;J-tube
25510005|Heart valve prosthesis|Heart valve prosthesis|prosthetic valve;prosthetic heart valve;valve replacement;prosthetic aortic valve;prosthetic mitral valve;mechanical valve;bioprosthetic valve;TAVR;TAVI;aortic valve replacement;mitral valve replacement
53350007|Prosthesis|Prosthesis|prosthesis;arthroplasty;joint replacement;hip arthroplasty;knee arthroplasty;shoulder arthroplasty;total hip arthroplasty;total knee arthroplasty;hemiarthroplasty;orthopedic hardware;fixation hardware;surgical hardware;hardware;plate and screws;intramedullary rod;intramedullary nail;spinal fusion hardware
56353002|Staple|Surgical staple|surgical staples;skin staples;staples
27065002|Suture|Suture|suture material;surgical clips;surgical clip
257409000|Vena cava filter|Vena cava filter|IVC filter;inferior vena cava filter;caval filter
86122002|Bullet|Bullet|bullet fragment;bullet fragments;ballistic fragments
40388003|Implant|Implant|breast implant;breast implants;silicone implant;saline implant;implants
286558002|Ureteral stent|Ureteral stent|ureteral stent;ureteric stent;double-J stent;double J stent;JJ stent;nephroureteral stent
34759008|Urethral catheter|Urethral catheter|Foley catheter;Foley;urinary catheter;bladder catheter
"""


# Round 3: cardiac and congenital heart findings (DICOM CID 3700 / 12248), breast and soft-tissue pathology (CID 6030),
# vascular morphology (CID 3805 / 3808), site-specific osteomyelitis and septic arthritis, thymus findings (OHDSI).
FINDINGS3 = """
60234000|Aortic regurgitation|Aortic regurgitation|Condition|Clinical Finding|aortic valve regurgitation;aortic insufficiency
48724000|Mitral regurgitation|Mitral regurgitation|Condition|Clinical Finding|mitral valve regurgitation;mitral insufficiency
79619009|Mitral stenosis|Mitral stenosis|Condition|Clinical Finding|mitral valve stenosis
409712001|Mitral valve prolapse|Mitral valve prolapse|Condition|Clinical Finding|
111287006|Tricuspid valve regurgitation|Tricuspid regurgitation|Condition|Clinical Finding|tricuspid insufficiency
399020009|Congestive cardiomyopathy|Dilated cardiomyopathy|Condition|Clinical Finding|dilated cardiomyopathy;congestive cardiomyopathy
45227007|Hypertrophic obstructive cardiomyopathy|Hypertrophic obstructive cardiomyopathy|Condition|Clinical Finding|HOCM
90828009|Restrictive cardiomyopathy|Restrictive cardiomyopathy|Condition|Clinical Finding|
64715009|Hypertensive heart disease|Hypertensive heart disease|Condition|Clinical Finding|
26146002|Complete transposition of great vessels|Transposition of great vessels|Condition|Clinical Finding|transposition of the great arteries;transposition of the great vessels
62067003|Hypoplastic left heart syndrome|Hypoplastic left heart syndrome|Condition|Clinical Finding|HLHS
218728005|Interrupted Aortic Arch|Interrupted aortic arch|Condition|Clinical Finding|
68237008|Partial anomalous pulmonary venous connection|Partial anomalous pulmonary venous connection|Condition|Clinical Finding|partial anomalous pulmonary venous return;PAPVR
13213009|heart disease, congenital|Congenital heart disease|Condition|Clinical Finding|congenital heart disease
16567006|Mesocardia|Mesocardia|Condition|Clinical Finding|
8722008|Aortic valve disease|Aortic valve disease|Condition|Clinical Finding|aortic valve disorder
55855009|Pericardial disease|Pericardial disease|Condition|Clinical Finding|
360481003|Common atrioventricular canal|Common atrioventricular canal|Condition|Clinical Finding|atrioventricular canal defect;AV canal defect
47488001|Intracystic papilloma|Intracystic papilloma|Condition|Morph Abnormality|
46212000|Juvenile fibroadenoma|Juvenile fibroadenoma|Condition|Morph Abnormality|
34882000|Giant fibroadenoma|Giant fibroadenoma|Condition|Morph Abnormality|
128651002|Lactating adenoma|Lactating adenoma|Condition|Morph Abnormality|
22024005|Adenolipoma|Adenolipoma|Condition|Morph Abnormality|
73219006|Angiolipoma|Angiolipoma|Condition|Morph Abnormality|angiolipomas
39000009|Angiosarcoma|Angiosarcoma|Condition|Morph Abnormality|
32913002|Medullary carcinoma|Medullary carcinoma|Condition|Morph Abnormality|
30156004|Invasive cribriform carcinoma|Invasive cribriform carcinoma|Condition|Morph Abnormality|
4631006|Tubular adenocarcinoma|Tubular carcinoma|Condition|Morph Abnormality|tubular carcinoma
87913009|Phyllodes tumor, malignant|Malignant phyllodes tumor|Condition|Morph Abnormality|malignant phyllodes tumor
1162815008|Liposarcoma|Liposarcoma|Condition|Morph Abnormality|
1163022006|Leiomyosarcoma|Leiomyosarcoma|Condition|Morph Abnormality|
1163016002|Chondrosarcoma|Chondrosarcoma|Condition|Morph Abnormality|
53654007|Fibrosarcoma|Fibrosarcoma|Condition|Morph Abnormality|
404029005|Neurofibroma|Neurofibroma|Condition|Morph Abnormality|neurofibromas;plexiform neurofibroma
81669005|Neurofibromatosis|Neurofibromatosis|Condition|Morph Abnormality|
1187107005|Plasmacytoma|Plasmacytoma|Condition|Morph Abnormality|
8360001|Pleomorphic adenoma|Pleomorphic adenoma|Condition|Morph Abnormality|
1162767002|Squamous cell carcinoma|Squamous cell carcinoma|Condition|Morph Abnormality|SCC
12169001|Granular cell tumor|Granular cell tumor|Condition|Morph Abnormality|
31186001|Chondroma|Chondroma|Condition|Morph Abnormality|
1172592001|Non-Hodgkin's lymphoma|Non-Hodgkin lymphoma|Condition|Morph Abnormality|non-Hodgkin lymphoma;NHL
1163005009|Hodgkin's lymphoma|Hodgkin lymphoma|Condition|Morph Abnormality|Hodgkin lymphoma;Hodgkin disease
77296004|Infarction of breast|Infarction of breast|Condition|Clinical Finding|breast infarction
67617000|Ductal hyperplasia, Usual|Usual ductal hyperplasia|Condition|Morph Abnormality|usual ductal hyperplasia
10376009|Papillary carcinoma in-situ|Papillary carcinoma in situ|Condition|Morph Abnormality|
128736003|Hemangiopericytoma|Hemangiopericytoma|Condition|Morph Abnormality|
110421000|traumatic aneurysm|Traumatic aneurysm|Condition|Morph Abnormality|
314186008|inflammatory abdominal aortic aneurysm|Inflammatory abdominal aortic aneurysm|Condition|Morph Abnormality|
72092001|arteriosclerotic vascular disease|Arteriosclerotic vascular disease|Condition|Clinical Finding|peripheral arterial disease;peripheral vascular disease
31996006|vasculitis|Vasculitis|Condition|Morph Abnormality|
126838000|Tumor of colon|Tumor of colon|Condition|Clinical Finding|colonic tumor;colon tumor;colonic neoplasm;colon neoplasm
8872002|Osteomyelitis of pelvic region|Osteomyelitis of pelvis|Condition|Clinical Finding|
28769004|Osteomyelitis of ankle AND/OR foot|Osteomyelitis of ankle and/or foot|Condition|Clinical Finding|osteomyelitis of the foot;foot osteomyelitis
61585002|Osteomyelitis of hand|Osteomyelitis of hand|Condition|Clinical Finding|osteomyelitis of the hand
17028003|Osteomyelitis of forearm|Osteomyelitis of forearm|Condition|Clinical Finding|
21120002|Osteomyelitis of lower leg|Osteomyelitis of lower leg|Condition|Clinical Finding|
53453008|Osteomyelitis of shoulder region|Osteomyelitis of shoulder region|Condition|Clinical Finding|
75286007|Osteomyelitis of upper arm|Osteomyelitis of upper arm|Condition|Clinical Finding|
239777004|Knee pyogenic arthritis|Septic arthritis of knee|Condition|Clinical Finding|septic knee;septic arthritis of the knee
239779001|Elbow pyogenic arthritis|Septic arthritis of elbow|Condition|Clinical Finding|septic arthritis of the elbow
239778009|Wrist pyogenic arthritis|Septic arthritis of wrist|Condition|Clinical Finding|septic arthritis of the wrist
61112000|Pyogenic arthritis of hand|Septic arthritis of hand|Condition|Clinical Finding|
36678001|Pyogenic arthritis of shoulder region|Septic arthritis of shoulder|Condition|Clinical Finding|septic arthritis of the shoulder
361202002|Hypertrophy of thymus|Thymic hyperplasia|Condition|Clinical Finding|thymic hyperplasia;thymic hypertrophy
14266003|Atrophy of thymus gland|Thymic atrophy|Condition|Clinical Finding|thymic atrophy
30635002|Abscess of thymus|Thymic abscess|Condition|Clinical Finding|
15972701000119106|Thrombosis of splenic artery|Splenic artery thrombosis|Condition|Clinical Finding|splenic artery thrombosis
309735004|Thrombosis of vein of lower limb|Lower extremity venous thrombosis|Condition|Clinical Finding|lower extremity venous thrombosis
312584000|Thrombosis of vein of trunk|Thrombosis of vein of trunk|Condition|Clinical Finding|
788951001|Hemorrhage of digestive system|Gastrointestinal tract hemorrhage|Condition|Clinical Finding|
232419008|Enlargement of tonsil or adenoid|Enlarged tonsils or adenoids|Condition|Clinical Finding|adenoidal hypertrophy;tonsillar hypertrophy;enlarged adenoids;enlarged tonsils
"""

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
    ('SNOMED', '396275006', ['421060004', '122494005', '122495006', '122496007', '51282000'], '8847002'),  # OA at spine
    ('SNOMED', '52515009', ['32849002', '5798000'], '84089009'),  # hernia at esophagus/diaphragm (hiatus)
    ('SNOMED', '18115005', ['76752008'], '309587003'),  # calcification at breast
    ('SNOMED', '18115005', ['15825003', '113262008', '7832008'], '28960008'),  # calcification at aorta = atherosclerosis
    ('SNOMED', '35566002', ['76752008'], '302924003'),  # hematoma at breast
    ('SNOMED', '30746006', ['91470000'], '127189005'),  # lymphadenopathy at axilla
    ('SNOMED', '52988006', ['12738006', '68523003'], '301766008'),  # lesion at brain
    ('SNOMED', '79654002', ['12738006', '68523003'], '2032001'),  # edema at brain = cerebral edema
    ('SNOMED', '125605004', ['62413002', '23416004'], '65966004'),  # fracture at radius/ulna = forearm
    ('SNOMED', '125605004', ['70258002'], '16114001'),  # fracture at ankle
    ('SNOMED', '125605004', ['306783000'], '428257007'),  # fracture at tibial plateau
    ('SNOMED', '44241007', ['69105007', '86117002', '32062004', '85234005'], '726490008'),
    ('SNOMED', '85659009', ['15825003', '113262008'], '67362008'),  # aneurysm at aorta
    ('SNOMED', '85659009', ['7832008'], '233985008'),  # aneurysm at abdominal aorta
    ('SNOMED', '260376009', ['41216001'], '444808002'),  # enlarged prostate  # stenosis at carotid = arterial stenosis
    ('RadLex', 'RID4714', ['6423006'], '307731004'),  # tear at rotator cuff tendon
    ('RadLex', 'RID4714', ['46385009'], '202332000'),  # tear at glenoid labrum
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
    ('SNOMED', '52515009', 'SNOMED', '84089009'), ('SNOMED', '396275006', 'SNOMED', '8847002'),
    ('SNOMED', '79654002', 'SNOMED', '19242006'), ('SNOMED', '274533004', 'SNOMED', '409609008'),
    ('SNOMED', '60046008', 'SNOMED', '58554001'), ('SNOMED', '60168000', 'SNOMED', '8872002'),
    ('SNOMED', '60168000', 'SNOMED', '28769004'), ('SNOMED', '60168000', 'SNOMED', '61585002'),
    ('SNOMED', '85898001', 'SNOMED', '399020009'), ('SNOMED', '85898001', 'SNOMED', '90828009'),
    ('SNOMED', '254845004', 'SNOMED', '46212000'), ('SNOMED', '254845004', 'SNOMED', '34882000'),
    ('SNOMED', '233985008', 'SNOMED', '314186008'), ('SNOMED', '1163043007', 'SNOMED', '1172592001'),
    ('SNOMED', '1163043007', 'SNOMED', '1163005009'), ('SNOMED', '3723001', 'SNOMED', '239777004'), ('SNOMED', '28960008', 'SNOMED', '29483008'), ('SNOMED', '59282003', 'SNOMED', '328511000119109'),
    ('SNOMED', '59282003', 'SNOMED', '441557008'), ('SNOMED', '59282003', 'SNOMED', '133971000119108'),
    ('SNOMED', '75694006', 'SNOMED', '197456007'), ('SNOMED', '75694006', 'SNOMED', '235494005'),
    ('SNOMED', '75694006', 'SNOMED', '95563007'), ('SNOMED', '52515009', 'SNOMED', '128545000'), ('SNOMED', '36118008', 'SNOMED', '233645004'),
    ('SNOMED', '60046008', 'SNOMED', '31892009'), ('SNOMED', '60168000', 'SNOMED', '203241002'),
    ('SNOMED', '125605004', 'SNOMED', '700097003'), ('SNOMED', '432504007', 'SNOMED', '230698000'),
    ('SNOMED', '4147007', 'SNOMED', '248523006'), ('SNOMED', '367643001', 'SNOMED', '447249001'),
    ('SNOMED', '367643001', 'SNOMED', '40478000'), ('SNOMED', '52988006', 'SNOMED', '141701000119101'),
    ('SNOMED', '44132006', 'SNOMED', '8725005'), ('SNOMED', '44132006', 'SNOMED', '75236001'),
    ('SNOMED', '44132006', 'SNOMED', '36046008'), ('SNOMED', '44132006', 'SNOMED', '44298000'),
    ('SNOMED', '30746006', 'SNOMED', '127140000'), ('SNOMED', '30746006', 'SNOMED', '127117004'),
    ('SNOMED', '30746006', 'SNOMED', '127143003'), ('SNOMED', '30746006', 'SNOMED', '127144009'),
    ('SNOMED', '30746006', 'SNOMED', '23794001'), ('SNOMED', '30746006', 'SNOMED', '127158006'),
    ('SNOMED', '30746006', 'SNOMED', '127154008'), ('SNOMED', '30746006', 'SNOMED', '191394000'),
    ('SNOMED', '396339007', 'SNOMED', '111293003'), ('SNOMED', '396339007', 'SNOMED', '65198009'),
    ('SNOMED', '85659009', 'SNOMED', '54002007'), ('SNOMED', '85659009', 'SNOMED', '85431000'),
    ('SNOMED', '85659009', 'SNOMED', '22039006'), ('SNOMED', '85659009', 'SNOMED', '36184004'),
    ('SNOMED', '85659009', 'SNOMED', '373134008'), ('SNOMED', '85659009', 'SNOMED', '90539001'),
    ('SNOMED', '1522000', 'SNOMED', '29483008'), ('SNOMED', '1522000', 'SNOMED', '62189002'),
    ('SNOMED', '18115005', 'SNOMED', '29483008'), ('SNOMED', '31113003', 'SNOMED', '4494009'),
    ('SNOMED', '307496006', 'SNOMED', '4494009'), ('SNOMED', '274533004', 'RadLex', 'RID28531'),

]
# concepts whose source name is also another concept's term (kept as the display only)
NO_NAME_SYNONYM = {'129759000', '700097003'}
CROSSWALK = [('70258002', 'RID28545', 'ankle'), ('84089009', 'RID4897', 'hiatal hernia'), ('76107001', 'RID5028', 'spinal stenosis'),
             ('274152003', 'RID4780', 'spondylolisthesis'), ('298382003', 'RID4756', 'scoliosis'),
             ('12295008', 'RID28496', 'bronchiectasis')]
# synonyms moved off a general concept because the specific concept now owns them
MOVE_OFF = {('27925004', 'pulmonary nodule'), ('27925004', 'pulmonary nodules'), ('27925004', 'lung nodule'),
            ('27925004', 'lung nodules'), ('49158009', 'pulmonary emphysema'), ('112674009', 'pulmonary fibrosis'),
            ('112674009', 'interstitial fibrosis'), ('30746006', 'hilar adenopathy'), ('30746006', 'hilar lymphadenopathy'),
            ('27925004', 'nodular opacity'), ('75694006', 'acute pancreatitis'), ('1522000', 'calcified plaque'), ('1522000', 'calcified plaques'), ('432504007', 'lacunar infarct'), ('432504007', 'lacunar infarcts'), ('95436008', 'airspace disease'), ('95436008', 'air space disease'), ('95436008', 'air-space disease'), ('27925004', 'nodular opacities'), }
EXTRA_SYNONYMS = {  # more report wording for concepts already in the files
    '8186001': 'heart is large;heart is enlarged;heart is mildly enlarged;heart is moderately enlarged;heart is markedly enlarged;heart is slightly enlarged;heart size is large;heart size is enlarged;heart size is mildly enlarged;heart size is moderately enlarged;heart size is markedly enlarged;heart size is increased;enlarged heart size;increased heart size;cardiac silhouette is enlarged;cardiac silhouette is mildly enlarged;cardiac silhouette is moderately enlarged;cardiac silhouette is markedly enlarged;cardiac silhouette is large;enlarged cardiac contour;enlarged cardiac shadow;cardiac enlargement;cardiomegally;cardiomegaly;cardiomeglay;mild cardiomegaly;moderate cardiomegaly;marked cardiomegaly;massive cardiomegaly;enlargement of the heart;globular heart',
    '46621007': 'atelectatic;atelectatic change;atelectatic changes;atelectases;atelectasis;atelectasia;atelectasis or scarring;subsegmental atelectatic changes;lobar collapse;lung collapse;collapsed lung',
    '95436008': 'consolidation;consolidations;consolidative opacity;consolidative opacities;consolidative change;consolidative changes;focal consolidation;airspace consolidation;air space consolidation;lobar consolidation;consolidated',
    '233604007': 'pneumonias;pneumonic;bronchopneumonia;infection;infectious process;infectious infiltrate;lobar pneumonia;multifocal pneumonia;pneumonic infiltrate;pneumonia',
    '60046008': 'pleural effusion;pleural effusions;effusion;effusions;pleural fluid;small effusion;layering effusion;layering pleural effusion;subpulmonic effusion;loculated effusion;loculated pleural effusion;pleural effusión',
    '36118008': 'pneumothorax;pneumothoraces;pneumothoraxes;PTX;PNX;pneumothorax is seen;apical pneumothorax;hydropneumothorax',
    '19242006': 'pulmonary edema;pulmonary oedema;interstitial edema;interstitial pulmonary edema;alveolar edema;interstitial fluid;fluid overload;volume overload;pulmonary interstitial edema;perihilar edema;vascular indistinctness;indistinct vasculature;indistinctness of the pulmonary vasculature;hazy vascular markings',
    '30746006': 'mediastinal lymphadenopathy;lymphadenopathy;adenopathy;lymph node enlargement;enlarged lymph nodes;enlarged nodes',
    '125605004': 'fracture deformity;fracture deformities;fractures;fractured',
    '33737001': 'rib fracture;rib fractures;fractured rib;fractured ribs;rib fx;broken rib;broken ribs',
    '58150001': 'clavicle fracture;clavicular fracture;fractured clavicle;clavicle fractures',
    '18115005': 'calcified density;calcified densities;calcific focus;calcific foci',
    '235231000119100': 'osteophytes;osteophytosis;osteophytic changes;osteophyte formation;spurring;bony spurring;anterior osteophytes;bridging osteophytes;marginal osteophytes;spurs;anterior spurring;syndesmophytes;hypertrophic spurring;osteophytic spurring;endplate osteophytes;degenerative osteophytes',
    '396275006': 'degenerative changes;degenerative change;degenerative disease;degenerative arthropathy;degenerative joint changes;arthritic changes;arthritic change;arthrosis',
    '64859006': 'osteoporotic;osteoporosis',
    '16838000': 'pneumomediastinum;mediastinal air;mediastinal emphysema',
    '28960008': 'atherosclerosis;atherosclerotic;atherosclerotic disease;atherosclerotic change;atherosclerotic changes;atherosclerotic calcification;atherosclerotic calcifications;aortic atherosclerosis;atherosclerotic aorta;arteriosclerotic;aortic calcification;aortic calcifications;calcified aorta;calcification of the aorta;calcifications of the aorta;aortic arch calcification;calcified aortic arch;aortic knob calcification;calcified aortic knob;vascular calcification;vascular calcifications;atheromatous calcification;atheromatous calcifications',
    '233703007': 'interstitial lung disease;ILD;chronic interstitial lung disease;interstitial lung diseases',
    '67362008': 'aneurysmal aorta;aneurysmal dilatation of the aorta',
    '786838002': 'nodular opacity;nodular opacities;nodular lung opacity;nodular lung opacities',
    '312894000': 'demineralized;bones are demineralized;bones are osteopenic',
    '101401000119103': 'granulomatous infection;prior granulomatous infection',
    '64226004': 'pancolitis',
    '46621007': 'lobe collapse;lower lobe collapse;upper lobe collapse;middle lobe collapse;lobar atelectasis',
    '197315008': 'liver is fatty;liver is diffusely fatty;diffusely fatty liver;fatty infiltration;fatty change of the liver',
    '81060008': 'obstructed bowel',
    '1386000': 'intraventricular hemorrhage;intraventricular haemorrhage;IVH',
    '36971009': 'pansinusitis;paranasal sinusitis;sinus disease',
    '22811006': 'small vessel disease;chronic small vessel disease',
    '237473006': 'rupture of the implant;intracapsular rupture;extracapsular rupture;implant rupture',
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
    for line in (FINDINGS2 + FINDINGS3).strip().splitlines():
        if not line.strip():
            continue
        code, name, display, dom, cls, syn = line.split('|')
        if ('SNOMED', code) in have:
            continue
        src, cid = source(code, name)
        body.append(['SNOMED', code, display, dom, cls, 'S', str(cid) if cid else '', src])
        have.add(('SNOMED', code))
        added.append((code, display, name, syn, src))
    for line in (DEVICES + DEVICES2).strip().splitlines():
        if not line.strip():
            continue
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
            if key in seen or s.lower() == display.lower() or (s == name and code in NO_NAME_SYNONYM):
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
            if voc == 'RadLex':
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
