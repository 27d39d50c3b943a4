# The docs' "Python example for paging through data", ported to Python 3 and parameterised
# (URL, key, site, page size). Offset paging with the requests library, every record kept
# in a list, exactly as the example does. Prints one JSON line for the harness.
import json
import sys
import time

import requests

url = sys.argv[1]
apikey = sys.argv[2]
site = int(sys.argv[3])
limit = int(sys.argv[4])

start = time.perf_counter()
finished = False
machines = []
pages = 0
while not finished:
    resp = requests.get(url, {'auth': apikey, 'site': site, 'limit': limit, 'offset': len(machines)}, timeout=60)
    pages += 1
    if resp.ok:
        resp_js = resp.json()
        if not resp_js['success']:
            raise Exception("api call failed with error: %s" % resp_js['error'])
        machines.extend(resp_js['data'])
        if len(resp_js['data']) < limit:
            finished = True
    else:
        raise Exception("Failed request, error: %d" % resp.status_code)
elapsed = time.perf_counter() - start

print(json.dumps({"records": len(machines), "elapsed_s": elapsed,
                  "checksum": sum(m['id'] for m in machines), "pages": pages}))
