#!/usr/bin/env python3
# Rewrites evaluation gold pairs NOCODE:<name>:<assertion> to <code>:<assertion> for the names a mapping file codes, so
# the very same mapping can be applied to a set its user has not read (e.g. a blind set written later).
# Usage: python3 nlp/tools/nocode_to_code.py [--dry-run] [--tag "2026-12-07 issue 11bx"] MAPPING_TSV FILES...
#   MAPPING_TSV: '#' comment lines, a header line, then nocode_name<TAB>code<TAB>display rows.
#   FILES: gold TSV files of nlp/src/test/resources/eval (header comment lines, a column line with an 'expected'
#   column, data rows whose 'expected' cell is ';'-separated code:assertion pairs). Only that cell is matched; a
#   'readable' cell, where present, has the coded name's "NOCODE <name>" / "<name> ... (no code)" words replaced by the
#   display. A changed file gets one dated header line (before its column line) naming each change and its pair count.
# Names match after normalisation: case, hyphens/underscores as spaces, apostrophes dropped, whitespace collapsed,
# British spellings oe/ae -> e and -ising -> -izing. Prints per file the pairs changed and the NOCODE names left.
import re, sys
from collections import Counter


def norm(name):
    s = name.lower().replace("'", '').replace('\u2019', '')
    s = re.sub(r'[-_/]', ' ', s)
    s = re.sub(r'\s+', ' ', s).strip()
    s = s.replace('oe', 'e').replace('ae', 'e').replace('ising', 'izing')
    return s


def load(path):
    m = {}
    rows = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]
    for l in rows[1:]:
        name, code, display = l.split('\t')[:3]
        m[norm(name)] = (code, display)
    return m


def readable_fix(cell, name, assertion, display):
    for pat in (rf'NOCODE {re.escape(name)}(?= {assertion}\b)', rf'\b{re.escape(name)}(?= {assertion} \(no code\))',
                rf'\b{re.escape(name)}(?= {assertion}\b)'):
        new, n = re.subn(pat, display, cell, count=1, flags=re.IGNORECASE)
        if n:
            return new.replace(f'{display} {assertion} (no code)', f'{display} {assertion}', 1)
    return cell


def apply(path, mapping, tag, dry, mapping_path):
    lines = open(path, encoding='utf-8').read().split('\n')
    col = next(i for i, l in enumerate(lines) if l and not l.startswith('#'))
    header = lines[col].split('\t')
    ei = header.index('expected')
    ri = header.index('readable') if 'readable' in header else None
    changed, left = Counter(), Counter()
    for i in range(col + 1, len(lines)):
        if not lines[i] or lines[i].startswith('#'):
            continue
        f = lines[i].split('\t')
        pairs = f[ei].split(';') if f[ei] else []
        out = []
        for p in pairs:
            m = re.fullmatch(r'NOCODE:(.*):(present|absent|possible)', p)
            hit = mapping.get(norm(m.group(1))) if m else None
            if hit:
                code, display = hit
                out.append(f'{code}:{m.group(2)}')
                changed[(m.group(1), code)] += 1
                if ri is not None and ri < len(f):
                    f[ri] = readable_fix(f[ri], m.group(1), m.group(2), display)
            else:
                if m:
                    left[m.group(1)] += 1
                out.append(p)
        f[ei] = ';'.join(out)
        lines[i] = '\t'.join(f)
    if changed and not dry:
        note = ', '.join(f'NOCODE:{n} -> {c} ({k} pair{"s" if k > 1 else ""})' for (n, c), k in sorted(changed.items()))
        lines.insert(col, f'# {tag}: gold NOCODE names now coded (nlp/tools/nocode_to_code.py with '
                          f'{mapping_path}; codes cited in radiology-findings.csv): {note}. Gold-only change.')
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    return changed, left


def main(argv):
    dry = '--dry-run' in argv
    argv = [a for a in argv if a != '--dry-run']
    tag = '2026-12-07 issue 11bx'
    if '--tag' in argv:
        i = argv.index('--tag')
        tag = argv[i + 1]
        del argv[i:i + 2]
    mapping = load(argv[0])
    total = 0
    for path in argv[1:]:
        changed, _ = apply(path, mapping, tag, dry, argv[0])
        n = sum(changed.values())
        total += n
        if n:
            print(f'{path}: {n} pairs: ' + ', '.join(f'{a} -> {c} ({k})' for (a, c), k in sorted(changed.items())))
    print(f'{total} pairs {"would be " if dry else ""}changed')


if __name__ == '__main__':
    main(sys.argv[1:])
