#!/usr/bin/env python3
"""Goal-document import timing (not a test): posts the seed under 28 other agency codes to a running goals-service
(default http://localhost:8081, e.g. `deploy/local/up --detach --clean --empty --without=execution --without=reporting`),
each a new document, and times each import, then 80 reads. Needs python3. Figures: docs/performance.md."""
import os, re, sys, time, urllib.request, statistics
seed_path = os.path.join(os.path.dirname(__file__), '..', 'deploy', 'local', 'demo', 'goal-document-2021.txt')
seed = open(seed_path, encoding='utf-8').read()
codes = sorted(set(re.findall(r'\b13030321[0-9A-Z]{13}\b', seed)))
taken = {c[8] for c in codes}
tags = [t for t in 'CEFGHIJKLMNOPQSTUWXYZ123456789' if t not in taken][:28]
base = sys.argv[1] if len(sys.argv) > 1 else 'http://localhost:8081'
times = []
for i, tag in enumerate(tags):
    doc = seed.replace('213001', '9%05d' % (i + 1))
    for c in codes:
        doc = doc.replace(c, c[:8] + tag + c[9:])
    req = urllib.request.Request(base + '/api/goal-documents', data=doc.encode('utf-8'),
                                 headers={'Content-Type': 'text/plain; charset=utf-8'}, method='POST')
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
        status = r.status
    times.append((time.perf_counter() - t0) * 1000)
    if status != 201:
        print('unexpected status', status)
warm = times[3:]
print(f'{len(codes)} projects per document, {len(times)} imports; first {times[0]:.0f} ms; '
      f'after 3 warm-up: median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms')
t0 = time.perf_counter()
n = 0
for k in range(20):
    for path in ['/api/projects?agency=900005', '/api/goal-documents', '/api/agencies']:
        with urllib.request.urlopen(base + path) as r:
            r.read(); n += 1
    with urllib.request.urlopen(base + '/api/projects/' + codes[0][:8] + tags[4] + codes[0][9:]) as r:
        r.read(); n += 1
print(f'reads: {n} GETs (project list, document list, agencies, one project) in {(time.perf_counter()-t0)*1000:.0f} ms, '
      f'{(time.perf_counter()-t0)*1000/n:.1f} ms each')
