#!/usr/bin/env python3
# Session 37: the site-specific cyst of the liver, so that a hepatic cyst carries the SNOMED CT concept at its site (issue
# 11: "every finding ... at the most specific site the text or the exam supports"), from the same source as issue 11cx,
# the SNOMEDCT_US rows of Apache cTAKES' sno_rx_16ab dictionary (UMLS 2016AB). "hepatic cyst(s)" moved here from the
# general Cyst 367643001 (the site refinement makes Liver cyst a kind of Cyst, so the sets' gold 367643001 still matches).
# Usage: SNO_RX_SCRIPT=.../sno_rx_16ab.script python3 nlp/tools/add_findings_session37.py terminology/codesystems
import sys
from add_findings_issue11cw import apply

CITE = ("Apache cTAKES dictionary sno_rx_16ab (UMLS 2016AB, source SNOMEDCT_US; Maven Central "
        "net.sourceforge.ctakesresources:ctakes-resources-sno_rx:4.0.0 sno_rx_16ab.script): UMLS {cui} '{name}' = "
        "SNOMED CT {code}")
WHY = "session 37: the site-specific concept of {gold}"
CURATED = "RadBridge curated for session 37 (report wording, plural or spelling of {name})"

# code, UMLS CUI, preferred term (as the dictionary gives it), what it refines, words
CONCEPTS = [
    ('85057007', 'C0267834', 'Liver cyst', ['Cyst at Liver'],
     ['liver cyst', 'liver cysts', 'hepatic cyst', 'hepatic cysts', 'cyst of liver', 'cyst of the liver',
      'cysts of the liver', 'simple hepatic cyst', 'simple hepatic cysts', 'simple liver cyst', 'simple liver cysts']),
]
SITE_ROWS = [('367643001', '10200004', '85057007')]


def main():
    apply(sys.argv[1], CONCEPTS, SITE_ROWS, 'session 37', CITE, WHY, CURATED)


if __name__ == '__main__':
    main()
