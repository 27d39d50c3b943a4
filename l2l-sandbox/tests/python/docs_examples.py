"""The docs' Python examples, as printed (paging through machines with limit 2000, and
creating a machine with a POST), against the sandbox. Only the URL, the key and the
certificate to trust differ. Environment as for sample_flow.py."""

import os

import requests

server = os.environ["L2L_URL"].rstrip("/")
apikey = os.environ["L2L_KEY"]
cert = os.environ["L2L_CERT"]

# Python example for paging through data (B38).
finished = False
machines = []
url = server + '/api/1.0/machines/'
limit = 2000
site = 1
while not finished:
    resp = requests.get(url, {'auth': apikey, 'site': site, 'limit': limit, 'offset': len(machines)}, timeout=60, verify=cert)
    if resp.ok:
        resp_js = resp.json()
        if not resp_js['success']:
            raise Exception("api call failed with error: %s" % resp_js['error'])
        machines.extend(resp_js['data'])
        if len(resp_js['data']) < limit:
            finished = True
    else:
        raise Exception("Failed request, error: %d" % resp.status_code)
print("paged %d machines" % len(machines))
assert len(machines) >= 4

# Python Example of a POST (B38).
url = server + '/api/1.0/machines/'
resp = requests.post(url, {'auth': apikey, 'site': site, 'code': 'WLD0001', 'description': 'Welder for line 1', 'shortdescription': 'Welder 1', 'linecode': 'Line1'}, timeout=60, verify=cert)
if resp.ok:
    resp_js = resp.json()
    if not resp_js['success']:
        raise Exception("api call failed with error: %s" % resp_js['error'])
else:
    raise Exception("Failed request, error: %d" % resp.status_code)
print("created machine %s" % resp_js['data']['id'])
print("docs examples: ok")
