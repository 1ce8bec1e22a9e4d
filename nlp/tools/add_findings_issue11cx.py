#!/usr/bin/env python3
# Issue 11cx (session 34, round 2 of issue 11cw): codes more of the evaluation sets' NOCODE gold names from the same
# source, the SNOMEDCT_US rows of Apache cTAKES' fast-lookup dictionary sno_rx_16ab (UMLS 2016AB; Maven Central
# net.sourceforge.ctakesresources:ctakes-resources-sno_rx:4.0.0). Each code is checked against a local copy of the
# dictionary file (the UMLS concept's preferred term and its only international SNOMED CT code) and the Verhoeff digit by
# add_findings_issue11cw.apply; the run stops on a mismatch or on a synonym that already names another concept.
# Left out (no concept, or not the same finding, or more than one code; see the issue 11cx notes): gallbladder wall
# thickening, pericholecystic fluid, bowel / oesophageal wall thickening, sinus mucosal thickening, bone erosion, mosaic
# attenuation, interlobular septal thickening, portal venous gas, microbleeds, extra-axial / general fluid collection,
# adnexal mass, IPMN, usual interstitial pneumonia (two concepts), hilar fullness, osteochondral defect (only per-bone
# concepts), meniscal degeneration (cartilage AND/OR meniscus), disc bulge (the dictionary puts it on disc herniation),
# anastomotic leak, angiomyolipoma and aortic intramural haematoma (morphologies), subdural hygroma (US extension only),
# hemarthrosis and lymphangitic carcinomatosis (report wordings already read as joint effusion / pulmonary metastasis);
# dropped after the evaluation (more false positives or displaced gold codes than pairs fixed): peritoneal adhesions
# 70190001, organized pneumonia 68409003, complicated pneumoconiosis 233749003, retroperitoneal hematoma 236002003.
# Usage: SNO_RX_SCRIPT=.../sno_rx_16ab.script python3 nlp/tools/add_findings_issue11cx.py terminology/codesystems
import sys
from add_findings_issue11cw import apply

CITE = ("Apache cTAKES dictionary sno_rx_16ab (UMLS 2016AB, source SNOMEDCT_US; Maven Central "
        "net.sourceforge.ctakesresources:ctakes-resources-sno_rx:4.0.0 sno_rx_16ab.script): UMLS {cui} '{name}' = "
        "SNOMED CT {code}")
WHY = "issue 11cx: the evaluation sets' gold named it NOCODE:{gold}"
CURATED = "RadBridge curated for issue 11cx (report wording, plural or spelling of {name})"


def both(words):
    """Each wording with its British spelling (oesophagus, haem-, ischaem-, organis-) beside it."""
    out = []
    for w in words:
        out.append(w)
        b = (w.replace('esophag', 'oesophag').replace('hem', 'haem').replace('ischem', 'ischaem')
             .replace('organiz', 'organis'))
        out.append(b)
    return out


# code, UMLS CUI, preferred term (as the dictionary gives it), gold NOCODE names, words
CONCEPTS = [
    ('251002009', 'C0428811', 'Mitral valve annular calcification', ['mitral annular calcification'],
     ['mitral valve annular calcification', 'mitral annular calcification', 'mitral annulus calcification',
      'calcification of the mitral annulus', 'calcification of mitral annulus', 'calcified mitral annulus',
      'mitral annular calcifications', 'mitral annulus calcifications', 'calcifications of the mitral annulus',
      'mitral annular calcium', 'mitral annulus is calcified']),
    ('473372009', 'C0919718', 'Calcification of mitral valve', ['mitral valve calcification'],
     ['calcification of mitral valve', 'calcification of the mitral valve', 'mitral valve calcification',
      'calcified mitral valve', 'mitral valve calcifications', 'mitral valve is calcified']),
    ('250978003', 'C0428791', 'Aortic valve calcification', ['aortic valve calcification'],
     ['aortic valve calcification', 'aortic valve calcifications', 'calcification of the aortic valve',
      'calcification of aortic valve', 'calcified aortic valve', 'aortic valve is calcified', 'aortic valve calcified', 'aortic valvular calcification',
      'aortic valve calcium', 'calcified aortic valve leaflets', 'aortic valve leaflet calcification']),
    ('415749005', 'C0151937', 'Rupture of tendon', ['tendon tear'],
     ['rupture of tendon', 'tendon rupture', 'tendon ruptures', 'ruptured tendon', 'tendon tear', 'tendon tears',
      'tear of the tendon', 'tendinous tear', 'torn tendon', 'partial tendon tear', 'partial-thickness tendon tear',
      'full-thickness tendon tear', 'complete tendon tear', 'tendon is torn', 'tendon is ruptured', 'partial tear of the tendon',
      'complete tear of the tendon', 'rupture of the tendon', 'tendon partial tear', 'tendinous rupture']),
    ('78974003', 'C0192389', 'Dilation of esophagus due to disease', ['patulous esophagus', 'dilated esophagus'],
     both(['dilatation of esophagus', 'dilatation of the esophagus', 'esophageal dilatation', 'esophageal dilation',
           'dilated esophagus', 'patulous esophagus', 'esophagus is patulous', 'esophagus is dilated',
           'esophagus is mildly patulous', 'esophagus is mildly dilated', 'esophagus is markedly dilated',
           'dilated distal esophagus', 'patulous distal esophagus', 'dilation of the esophagus', 'megaesophagus',
           'esophagus dilatation', 'dilated fluid-filled esophagus', 'fluid-filled dilated esophagus'])),
    ('45564002', 'C0014848', 'Esophageal Achalasia', ['achalasia'],
     both(['achalasia', 'achalasias', 'esophageal achalasia', 'achalasia of the esophagus', 'achalasia of esophagus',
           'achalasia cardia', 'achalasia of the cardia', 'cardiospasm'])),
    ('82196007', 'C2004435', 'Vascular insufficiency of intestine', ['bowel ischemia'],
     both(['vascular insufficiency of intestine', 'bowel ischemia', 'intestinal ischemia', 'ischemic bowel',
           'ischemic bowel disease', 'ischemia of the bowel', 'small bowel ischemia',
           'bowel wall ischemia', 'colonic ischemia', 'ischemic small bowel', 'ischemic enteritis',
           'intestinal ischaemia'])),
    ('111236008', 'C0576717', 'Compression of spinal nerve root', ['nerve root impingement'],
     ['compression of spinal nerve root', 'spinal nerve root compression', 'nerve root compression',
      'nerve root impingement', 'impingement of the nerve root', 'impingement of nerve root', 'root impingement',
      'nerve root impingements', 'nerve root compressions', 'compression of the nerve root', 'compressing the nerve root',
      'impinging on the nerve root', 'impinges on the nerve root', 'impinging upon the nerve root', 'nerve root encroachment',
      'impingement of the exiting nerve root', 'impingement of the traversing nerve root', 'impinging the nerve root',
      'compression of the exiting nerve root', 'compression of the traversing nerve root',
      'neural impingement', 'impingement of the nerve roots', 'compression of the nerve roots',
      'impingement upon the nerve root', 'impinge upon the nerve root', 'impinge on the nerve root']),
    ('2775001', 'C0022411', 'Joint Loose Bodies', ['intra-articular loose bodies'],
     ['joint loose bodies', 'loose body in joint', 'intra-articular loose body', 'intra-articular loose bodies',
      'intraarticular loose body', 'intraarticular loose bodies', 'loose body', 'loose bodies', 'joint mouse', 'joint mice',
      'osteochondral loose body', 'osteochondral loose bodies', 'loose intra-articular body', 'loose intra-articular bodies',
      'intra articular loose body', 'intra articular loose bodies']),
    ('78011002', 'C0016196', 'Flail Chest', ['flail chest'],
     ['flail chest', 'flail segment', 'flail segments', 'flail chest segment', 'flail rib segment', 'flail injury',
      'stove-in chest']),
    ('230724001', 'C0085220', 'Cerebral Amyloid Angiopathy', ['cerebral amyloid angiopathy'],
     ['cerebral amyloid angiopathy', 'amyloid angiopathy', 'cerebral amyloid angiopathies', 'congophilic angiopathy']),
    ('237722004', 'C0014008', 'Empty Sella Syndrome', ['empty sella'],
     ['empty sella', 'partially empty sella', 'partial empty sella', 'empty sella turcica', 'empty sella configuration',
      'partially empty sella turcica', 'empty sella syndrome']),
    ('16507009', 'C0238207', 'Ectopic kidney', ['ectopic kidney'],
     ['ectopic kidney', 'ectopic kidneys', 'pelvic kidney', 'ectopic pelvic kidney', 'renal ectopia', 'crossed fused renal ectopia',
      'crossed renal ectopia']),
    ('417444002', 'C1504464', 'Endoleak', ['endoleak'],
     ['endoleak', 'endoleaks', 'type ii endoleak', 'type 2 endoleak', 'type i endoleak', 'type 1 endoleak', 'type ia endoleak',
      'type ib endoleak', 'type iii endoleak', 'perigraft leak', 'endo-leak']),
    ('48644003', 'C0700639', 'Pyloric Stenosis, Hypertrophic', ['hypertrophic pyloric stenosis'],
     ['hypertrophic pyloric stenosis', 'infantile hypertrophic pyloric stenosis', 'infantile pyloric stenosis',
      'pyloric stenosis', 'hypertrophic pylorus', 'pyloric hypertrophy']),
    ('128491006', 'C0029396', 'Heterotopic Ossification', ['heterotopic ossification'],
     ['heterotopic ossification', 'heterotopic bone formation',
      'ectopic ossification', 'myositis ossificans', 'heterotopic ossifications']),
    ('26228000', 'C0018934', 'Hematocolpos', ['hematocolpos'],
     both(['hematocolpos', 'hematometrocolpos', 'hematocolpus'])),
    ('38280009', 'C0018948', 'Hemometra', ['hematometra'], both(['hemometra', 'hematometra', 'hematometrium'])),
    ('197659005', 'C0341698', 'Atrophy of kidney', ['renal atrophy'],
     ['atrophy of kidney', 'renal atrophy', 'atrophic kidney', 'atrophic kidneys', 'kidney atrophy', 'atrophic right kidney',
      'atrophic left kidney', 'atrophy of the kidney', 'atrophy of the right kidney', 'atrophy of the left kidney',
      'renal parenchymal atrophy', 'atrophic renal parenchyma', 'small atrophic kidney', 'small atrophic kidneys',
      'kidney is atrophic', 'kidneys are atrophic', 'right kidney is atrophic', 'left kidney is atrophic',
      'bilateral renal atrophy']),
    ('88281007', 'C0152014', 'Atrophy of pancreas', ['pancreatic atrophy'],
     ['atrophy of pancreas', 'pancreatic atrophy', 'pancreas atrophy', 'atrophic pancreas', 'atrophy of the pancreas',
      'pancreatic parenchymal atrophy', 'pancreas is atrophic', 'fatty atrophy of the pancreas', 'pancreatic fatty atrophy']),
    ('41729002', 'C0221353', 'Horseshoe Kidney', ['horseshoe kidney'], ['horseshoe kidney', 'horseshoe kidneys']),
    ('4945003', 'C0266464', 'Polymicrogyria', ['polymicrogyria'], ['polymicrogyria']),
    ('57219006', 'C0010278', 'Craniosynostosis', ['craniosynostosis'], ['craniosynostosis', 'craniosynostoses',
                                                                          'sagittal craniosynostosis', 'premature sutural fusion']),
    ('34801009', 'C0032987', 'Ectopic Pregnancy', ['ectopic pregnancy'],
     ['ectopic pregnancy', 'ectopic pregnancies', 'ectopic gestation', 'tubal ectopic pregnancy', 'tubal pregnancy']),
    ('202882003', 'C0149756', 'Fasciitis, Plantar', ['plantar fasciitis'], ['plantar fasciitis', 'plantar fasciopathy']),
    ('240221008', 'C0038018', 'Spondylolysis', ['spondylolysis'],
     ['spondylolysis',
      'spondylolyses']),
    ('4530000', 'C0152441', 'Madelung Deformity', ['Madelung deformity'], ['madelung deformity', "madelung's deformity"]),
    ('230270009', 'C0338451', 'Frontotemporal dementia', ['frontotemporal dementia'],
     ['frontotemporal dementia', 'frontotemporal lobar degeneration']),
    ('202329003', 'C0410342', 'Bankart Lesions', ['Bankart lesion', 'osseous Bankart lesion'],
     ['bankart lesion', 'bankart lesions', 'bony bankart lesion', 'osseous bankart lesion', 'bony bankart']),
    ('91109007', 'C0017145', 'Gastric Varix', ['gastric varices'], ['gastric varix', 'gastric varices', 'fundal varices']),
    ('111374002', 'C0030299', 'Pancreatic Pseudocyst', ['pancreatic pseudocyst'],
     ['pancreatic pseudocyst', 'pancreatic pseudocysts', 'pseudocyst of the pancreas', 'peripancreatic pseudocyst']),
    ('1835003', 'C0267953', 'Necrosis of pancreas', ['pancreatic necrosis'],
     ['necrosis of pancreas', 'pancreatic necrosis', 'necrosis of the pancreas',
      'pancreatic parenchymal necrosis']),
    ('95414005', 'C0521515', 'Calcific tendinitis', ['calcific tendinitis'],
     ['calcific tendinitis', 'calcific tendinosis', 'calcific tendonitis']),
    ('432473000', 'C2936290', 'Femoracetabular Impingement', ['femoroacetabular impingement'],
     ['femoroacetabular impingement', 'femoro-acetabular impingement', 'cam impingement', 'pincer impingement',
      'cam-type impingement', 'pincer-type impingement', 'cam-type morphology', 'cam morphology']),
    ('90448008', 'C0206366', 'Ossification of Posterior Longitudinal Ligament',
     ['ossification of posterior longitudinal ligament'],
     ['ossification of posterior longitudinal ligament', 'ossification of the posterior longitudinal ligament', 'OPLL']),
    ('21850008', 'C0265529', 'Plagiocephaly', ['plagiocephaly'], ['plagiocephaly', 'positional plagiocephaly']),
    ('445251003', 'C1963894', 'Os acromiale', ['os acromiale'], ['os acromiale']),
    ('109423001', 'C1267087', 'Accessory navicular bone of foot (disorder)', ['accessory navicular'],
     ['accessory navicular', 'accessory navicular bone', 'os naviculare', 'os tibiale externum']),
    ('110418002', 'C0740406', 'Incarcerated hernia', ['incarcerated hernia'],
     ['incarcerated hernia', 'incarcerated hernias', 'incarceration of the hernia', 'hernia is incarcerated']),
    ('410042009', 'C0028817', 'Ochronosis', ['ochronosis'], ['ochronosis', 'ochronotic arthropathy']),
    ('44796002', 'C0266328', 'Ectopic ureter', ['ectopic ureter'], ['ectopic ureter', 'ectopic ureters',
                                                                     'ectopic ureteral insertion']),
    ('18417009', 'C0431694', 'Oligomeganephronic hypoplasia of kidney', ['oligomeganephronia'], ['oligomeganephronia']),
    ('49008000', 'C0238210', 'Malrotation of kidney', ['renal malrotation'],
     ['malrotation of kidney', 'renal malrotation', 'malrotated kidney', 'malrotated right kidney', 'malrotated left kidney']),
    ('268005002', 'C0554601', 'Synovial plica Disorder', ['synovial plica'],
     ['synovial plica', 'plica syndrome', 'medial plica', 'mediopatellar plica', 'medial patellar plica', 'suprapatellar plica']),
    ('122449004', 'C0035361', 'Retropneumoperitoneum', ['pneumoretroperitoneum'],
     ['retropneumoperitoneum', 'pneumoretroperitoneum', 'retroperitoneal air', 'retroperitoneal free air',
      'retroperitoneal gas']),
    ('255121007', 'C0346990', 'Carcinomatosis of peritoneal cavity', ['peritoneal carcinomatosis'],
     ['carcinomatosis of peritoneal cavity', 'peritoneal carcinomatosis', 'peritoneal metastases', 'peritoneal metastasis',
      'peritoneal metastatic disease', 'omental caking', 'omental cake']),
    ('68359008', 'C0265677', 'Congenital hemivertebra', ['hemivertebra'], ['hemivertebra', 'hemivertebrae']),
]
# (general finding, site, specific): the general finding stated at that site is the specific concept
SITE_ROWS = [
    ('13331008', '64033007', '197659005'), ('13331008', '15776009', '88281007'), ('25322007', '32849002', '78974003'),
    # a tendon tear of the supraspinatus stays the rotator cuff injury a tear there is (issue 11 refinement RID4714)
    ('415749005', '6423006', '307731004'),
]


def main():
    apply(sys.argv[1], CONCEPTS, SITE_ROWS, 'issue 11cx', CITE, WHY, CURATED)


if __name__ == '__main__':
    main()
