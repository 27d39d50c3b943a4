"""L2L's sample integration flow (les-python3 api/main.py, l2l-api-research.md section 10),
written with `requests` as L2L's samples are, run against the sandbox over https.

Environment: L2L_URL (https://localhost:PORT), L2L_KEY, L2L_CERT (the CA file to trust),
L2L_SITE (1). Exits non-zero with a message on the first failure.
"""

import datetime
import os
import re
import sys
import time

import requests

SERVER = os.environ["L2L_URL"].rstrip("/") + "/api/1.0/"
APIKEY = os.environ["L2L_KEY"]
CERT = os.environ["L2L_CERT"]
SITE = int(os.environ.get("L2L_SITE", "1"))
USER = os.environ.get("L2L_USER", "jsmith")

API_MINUTE_FORMAT = "%Y-%m-%d %H:%M"
API_SECONDS_FORMAT = "%Y-%m-%d %H:%M:%S"


class APIError(Exception):
    pass


def check(resp):
    # The samples' order of checks: a non-200 is a system failure, then `success`.
    if resp.status_code != 200:
        raise APIError("system failure: HTTP %d: %s" % (resp.status_code, resp.text[:200]))
    js = resp.json()
    if not js["success"]:
        raise APIError("api call failed: %s %s" % (js.get("error"), js.get("errors")))
    return js


def get(area, **args):
    # Reads use GET with the key in the query, as the samples do.
    args["auth"] = APIKEY
    return check(requests.get(SERVER + area, params=args, verify=CERT, timeout=60))


def post(area, **args):
    # Writes use POST with the key in the form body.
    args["auth"] = APIKEY
    return check(requests.post(SERVER + area, data=args, verify=CERT, timeout=60))


def site_zone(name):
    # An IANA name, or GMT+4 read as four hours ahead of UTC (as the sandbox reads it).
    m = re.fullmatch(r"(?:GMT|UTC)([+-])(\d{1,2})(?::(\d\d))?", name)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return datetime.timezone(datetime.timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    from zoneinfo import ZoneInfo
    return ZoneInfo(name)


def step(msg):
    print("--", msg, flush=True)


def main():
    step("test-site check")
    sites = get("sites/", site=SITE, active="true", test_site="true")["data"]
    if len(sites) != 1:
        raise APIError("site %d is not an active test site: %r" % (SITE, sites))
    zone = site_zone(sites[0]["timezone"])

    step("areas, paged with limit 2")
    areas, limit, finished = [], 2, False
    while not finished:
        js = get("areas/", site=SITE, active="true", limit=limit, offset=len(areas))
        areas.extend(js["data"])
        limit = js["limit"]
        finished = len(js["data"]) < limit
    if not areas:
        raise APIError("no areas")
    print("   %d areas" % len(areas))

    step("a line with production, in one of the areas")
    line = None
    for area in areas:
        lines = get("lines/", site=SITE, area_id=area["id"], enable_production="true", active="true")["data"]
        if lines:
            line = lines[0]
            break
    if line is None:
        raise APIError("no line with production")
    print("   line %s" % line["code"])

    step("a machine on that line")
    machines = get("machines/", site=SITE, line_id=line["id"], active="true")["data"]
    if not machines:
        raise APIError("no machine on line %s" % line["code"])
    machine = machines[0]
    by_code = get("machines/", site=SITE, linecode=line["code"], fields="id,code")["data"]
    assert machine["id"] in [m["id"] for m in by_code], by_code

    step("a dispatch type")
    dtypes = get("dispatchtypes/", site=SITE, active="true")["data"]
    dtype = [d for d in dtypes if d["code"] == "Code Red"][0]

    step("clock in and out")
    post("users/clock_in/%s/" % USER, site=SITE, linecode=line["code"])
    open_times = get("usertimes/", site=SITE, end__isnull="True")["data"]
    assert len(open_times) == 1, open_times
    post("users/clock_out/%s/" % USER, site=SITE)
    assert not get("usertimes/", site=SITE, end__isnull="True")["data"]

    step("a backdated clock-in")
    end = datetime.datetime.now(zone).replace(tzinfo=None) - datetime.timedelta(hours=1)
    start = end - datetime.timedelta(hours=8)
    post("users/clock_in/%s/" % USER, site=SITE, linecode=line["code"],
         start=start.strftime(API_MINUTE_FORMAT), end=end.strftime(API_MINUTE_FORMAT))
    backdated = get("usertimes/", site=SITE, start=start.strftime("%Y-%m-%dT%H:%M:00"))["data"]
    assert len(backdated) == 1 and backdated[0]["end"], backdated

    step("cycle counts")
    js = post("machines/set_cycle_count/", site=SITE, code=machine["code"], cyclecount=1000)
    assert js["machine"]["cyclecount"] == 1000, js
    js = post("machines/increment_cycle_count/", site=SITE, code=machine["code"], cyclecount=25,
              skip_lastupdated=1)
    assert js["machine"]["cyclecount"] == 1025, js

    step("open and close a dispatch")
    js = post("dispatches/open/", site=SITE, dispatchtype=dtype["id"], machine=machine["id"],
              description="Test dispatch from the sample flow")
    dispatch_id = js["data"]["id"]
    assert js["data"]["open"] == "T", js
    found = get("dispatches/", site=SITE, machinecode=machine["code"], dispatchtypecode=dtype["code"],
                open="T", order_by="-reported", limit=1)["data"]
    assert found[0]["id"] == dispatch_id, found
    js = post("dispatches/close/%d/" % dispatch_id, site=SITE)
    assert js["data"]["open"] == "F" and js["data"]["completed"], js

    step("add a closed dispatch")
    reported = datetime.datetime.now(zone).replace(tzinfo=None) - datetime.timedelta(minutes=30)
    js = post("dispatches/add/", site=SITE, dispatchtypecode=dtype["code"], machinecode=machine["code"],
              description="Downtime logged by the sample flow",
              reported=reported.strftime(API_SECONDS_FORMAT),
              completed=datetime.datetime.now(zone).strftime(API_SECONDS_FORMAT))
    assert js["data"]["open"] == "F", js

    step("record_details")
    product = "testproduct-%d" % int(time.time())
    js = post("pitchdetails/record_details/", site=SITE, linecode=line["code"], productcode=product,
              start="now", end="now", actual=12, scrap=1, operator_count=2)
    assert js["data"]["id"], js
    assert get("productcomponents/", site=SITE, code=product)["data"], "the product was created"

    step("daily summary")
    # Action times are site-local: the summary of the site's today.
    today = datetime.datetime.now(zone)
    js = get("reporting/production/daily_summary_data_by_line/", site=SITE,
             start=today.strftime("%Y-%m-%d 00:00"), end=(today + datetime.timedelta(days=1)).strftime("%Y-%m-%d 00:00"),
             linecode=line["code"], show_products="true")
    rows = [r for r in js["data"] if r["product"] == product]
    assert len(rows) == 1 and float(rows[0]["actual"]) == 12.0, js["data"]
    print("   %s: actual %s, scrap %s" % (product, rows[0]["actual"], rows[0]["scrap"]))

    print("sample flow: ok")


if __name__ == "__main__":
    try:
        main()
    except (APIError, AssertionError, KeyError, IndexError) as e:
        print("sample flow failed: %r" % (e,), file=sys.stderr)
        sys.exit(1)
