"""The records of L2L's built-in areas, one ``TypedDict`` each, and ``AREAS``.

    from l2l.areas import Machine

    m: Machine = client.get("machines", 1)  # what Client.get("machines", ...) returns

Each field is typed as the client returns its kind (``datetime.datetime`` in UTC,
``datetime.date``, ``decimal.Decimal``, ``bool``, ``int``, ``str``); ``Optional`` where
L2L may send null. ``total=False``: ``fields=`` returns some of them. Custom properties
(``custom__*``, sent with a site) are not declared: read them through a
``dict[str, Any]`` (``typing.cast``).

Generated from ``schema/l2l-areas.json`` (Leading2Lean LES REST API 1.0) by
``python l2l-python/gen_types.py``: do not edit by hand.
"""

import datetime
import decimal
from typing import Any, Optional, TypedDict

__all__ = [
    "AREAS",
    "Area",
    "BillOfMaterials",
    "BinLocation",
    "BuildSequence",
    "Checklist",
    "ChecklistAnswer",
    "Contact",
    "Dispatch",
    "DispatchAction",
    "DispatchNote",
    "DispatchStatus",
    "DispatchTechnician",
    "DispatchType",
    "Document",
    "EventSchedule",
    "Kaizen",
    "KaizenCategory",
    "Line",
    "Machine",
    "MachineGroup",
    "Part",
    "Pitch",
    "PitchDetail",
    "Product",
    "ProductOrder",
    "Reason",
    "ResourceShift",
    "ScrapCategory",
    "ScrapDetail",
    "Site",
    "Spare",
    "Technician",
    "TechnicianArea",
    "Technology",
    "Tooling",
    "Trade",
    "UnitOfMeasure",
    "User",
    "UserSite",
    "UserTime",
    "ValueStream",
    "Vendor",
    "Warehouse",
    "WorkOrder",
    "WorkOrderCategory",
]


class Site(TypedDict, total=False):
    """A record of the area ``sites``: ``/api/1.0/sites/``.

    Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    description: str
    timezone: Optional[str]
    active: Optional[bool]
    test_site: Optional[bool]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Area(TypedDict, total=False):
    """A record of the area ``areas``: ``/api/1.0/areas/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    externalid: Optional[str]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Line(TypedDict, total=False):
    """A record of the area ``lines``: ``/api/1.0/lines/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    area: int
    areacode: Optional[str]
    abbreviation: Optional[str]
    defaultmachine: Optional[int]
    enable_production: bool
    active: bool
    externalid: Optional[str]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Machine(TypedDict, total=False):
    """A record of the area ``machines``: ``/api/1.0/machines/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    shortdescription: Optional[str]
    line: Optional[int]
    linecode: Optional[str]
    costcentercode: Optional[str]
    externalid: Optional[str]
    cyclecount: Optional[int]
    active: bool
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Technology(TypedDict, total=False):
    """A record of the area ``technologies``: ``/api/1.0/technologies/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class ValueStream(TypedDict, total=False):
    """A record of the area ``valuestreams``: ``/api/1.0/valuestreams/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class DispatchType(TypedDict, total=False):
    """A record of the area ``dispatchtypes``: ``/api/1.0/dispatchtypes/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Dispatch(TypedDict, total=False):
    """A record of the area ``dispatches``: ``/api/1.0/dispatches/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    dispatchnumber: Optional[int]
    site: int
    dispatchtype: int
    dispatchtypecode: Optional[str]
    machine: int
    machinecode: Optional[str]
    line: Optional[int]
    linecode: Optional[str]
    area: Optional[int]
    description: Optional[str]
    reported: Optional[datetime.datetime]
    completed: Optional[datetime.datetime]
    dispatched: Optional[datetime.datetime]
    open: Optional[str]
    downtime: Optional[decimal.Decimal]
    wonumber: Optional[str]
    currentstatus_dispatchstatus_id: Optional[int]
    currentstatus_description: Optional[str]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Trade(TypedDict, total=False):
    """A record of the area ``trades``: ``/api/1.0/trades/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Pitch(TypedDict, total=False):
    """A record of the area ``pitches``: ``/api/1.0/pitches/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    line: int
    area: Optional[int]
    name: Optional[str]
    active: Optional[bool]
    pitch_start: datetime.datetime
    pitch_end: datetime.datetime
    actual_product: Optional[int]
    planned_product: Optional[int]
    actual: Optional[decimal.Decimal]
    demand: Optional[decimal.Decimal]
    scrap: Optional[decimal.Decimal]
    overall_equipment_effectiveness: Optional[decimal.Decimal]
    planned_production_minutes: Optional[decimal.Decimal]
    downtime_minutes: Optional[decimal.Decimal]
    nonproduction_minutes: Optional[decimal.Decimal]
    earned_hours: Optional[decimal.Decimal]
    operator_count: Optional[decimal.Decimal]
    shift: Optional[int]
    shift_start_date: Optional[datetime.date]
    lastupdated: Optional[datetime.datetime]


class PitchDetail(TypedDict, total=False):
    """A record of the area ``pitchdetails``: ``/api/1.0/pitchdetails/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    pitch: Optional[int]
    line: int
    product: int
    start: datetime.datetime
    end: datetime.datetime
    actual: decimal.Decimal
    scrap: decimal.Decimal
    operator_count: decimal.Decimal
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Product(TypedDict, total=False):
    """A record of the area ``productcomponents``: ``/api/1.0/productcomponents/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    externalid: Optional[str]
    lastupdated: Optional[datetime.datetime]


class BuildSequence(TypedDict, total=False):
    """A record of the area ``buildsequence``: ``/api/1.0/buildsequence/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    line: int
    product: int
    status: int
    schedule_start_date: Optional[datetime.datetime]
    order_quantity: Optional[decimal.Decimal]
    externalid: Optional[str]
    lastupdated: Optional[datetime.datetime]


class ProductOrder(TypedDict, total=False):
    """A record of the area ``productorders``: ``/api/1.0/productorders/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    product: Optional[int]
    name: Optional[str]
    order_quantity: Optional[decimal.Decimal]
    card_size: Optional[decimal.Decimal]
    externalid: Optional[str]
    lastupdated: Optional[datetime.datetime]


class ScrapDetail(TypedDict, total=False):
    """A record of the area ``scrapdetail``: ``/api/1.0/scrapdetail/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    start: datetime.datetime
    category: int
    product: Optional[int]
    shift: Optional[int]
    line: int
    scrap: decimal.Decimal
    lastupdated: Optional[datetime.datetime]


class ScrapCategory(TypedDict, total=False):
    """A record of the area ``scrapcategory``: ``/api/1.0/scrapcategory/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class User(TypedDict, total=False):
    """A record of the area ``users``: ``/api/1.0/users/``.

    Operations: get, list, create, update, delete.
    """

    id: int
    loginid: str
    firstname: Optional[str]
    lastname: Optional[str]
    email: Optional[str]
    phone: Optional[str]
    smsemail: Optional[str]
    externalid: Optional[str]
    active: bool
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class UserTime(TypedDict, total=False):
    """A record of the area ``usertimes``: ``/api/1.0/usertimes/``.

    Kept per site: pass ``site=``. Operations: get, list.
    """

    id: int
    site: int
    user: int
    line: Optional[int]
    start: datetime.datetime
    end: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Spare(TypedDict, total=False):
    """A record of the area ``spares``: ``/api/1.0/spares/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    status: Optional[int]
    cost: Optional[decimal.Decimal]
    dispatchnumber: Optional[int]
    workordernumber: Optional[str]
    lastupdated: Optional[datetime.datetime]


class Tooling(TypedDict, total=False):
    """A record of the area ``tooling``: ``/api/1.0/tooling/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Checklist(TypedDict, total=False):
    """A record of the area ``checklists``: ``/api/1.0/checklists/``.

    Kept per site: pass ``site=``. Operations: get, list.
    """

    id: int
    site: int
    document: Optional[int]
    name: str
    number: Optional[int]
    closed: Optional[bool]
    closeddate: Optional[datetime.datetime]
    dispatch: Optional[int]
    area: Optional[int]
    line: Optional[int]
    machine: Optional[int]
    technology: Optional[int]
    product: Optional[int]
    product_order: Optional[int]
    build_sequence: Optional[int]
    tasks: Any
    answers: Any
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]
    lastupdatedby: Optional[str]


class DispatchStatus(TypedDict, total=False):
    """A record of the area ``dispatchstatuses``: ``/api/1.0/dispatchstatuses/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    system: Optional[bool]
    active: bool
    lastupdated: Optional[datetime.datetime]


class DispatchNote(TypedDict, total=False):
    """A record of the area ``dispatchnotes``: ``/api/1.0/dispatchnotes/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    dispatch: int
    note: str
    user: Optional[int]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class DispatchTechnician(TypedDict, total=False):
    """A record of the area ``dispatchtechnicians``: ``/api/1.0/dispatchtechnicians/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    dispatch: int
    technician: int
    user: Optional[int]
    loginid: Optional[str]
    fullname: Optional[str]
    trade: Optional[int]
    start: Optional[datetime.datetime]
    end: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class DispatchAction(TypedDict, total=False):
    """A record of the area ``actions``: ``/api/1.0/actions/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    dispatch: Optional[int]
    code: str
    description: Optional[str]
    component: Optional[str]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class Reason(TypedDict, total=False):
    """A record of the area ``reasons``: ``/api/1.0/reasons/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    dispatch_type: Optional[int]
    active: bool
    lastupdated: Optional[datetime.datetime]


class MachineGroup(TypedDict, total=False):
    """A record of the area ``machinegroups``: ``/api/1.0/machinegroups/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    technology: Optional[int]
    valuestream: Optional[int]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Document(TypedDict, total=False):
    """A record of the area ``document``: ``/api/1.0/document/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    name: str
    number: Optional[str]
    description: Optional[str]
    externalid: Optional[str]
    category: Optional[str]
    url: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class WorkOrder(TypedDict, total=False):
    """A record of the area ``workorders``: ``/api/1.0/workorders/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    workordernumber: Optional[str]
    description: Optional[str]
    workordercategory: Optional[int]
    machine: Optional[int]
    tooling: Optional[int]
    trade: Optional[int]
    dispatch: Optional[int]
    status: Optional[int]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class WorkOrderCategory(TypedDict, total=False):
    """A record of the area ``workordercategories``: ``/api/1.0/workordercategories/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class EventSchedule(TypedDict, total=False):
    """A record of the area ``eventschedule``: ``/api/1.0/eventschedule/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    description: Optional[str]
    machine: Optional[int]
    tooling: Optional[int]
    trade: Optional[int]
    dispatch_type: Optional[int]
    interval_days: Optional[int]
    next_date: Optional[datetime.datetime]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Technician(TypedDict, total=False):
    """A record of the area ``technicians``: ``/api/1.0/technicians/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    user: Optional[int]
    loginid: Optional[str]
    fullname: Optional[str]
    trade: Optional[int]
    available: Optional[bool]
    active: bool
    lastupdated: Optional[datetime.datetime]


class TechnicianArea(TypedDict, total=False):
    """A record of the area ``technicianareas``: ``/api/1.0/technicianareas/``.

    Kept per site: pass ``site=``. Operations: get, list, create, delete.
    """

    id: int
    site: int
    technician: int
    area: int
    lastupdated: Optional[datetime.datetime]


class Warehouse(TypedDict, total=False):
    """A record of the area ``warehouses``: ``/api/1.0/warehouses/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class BinLocation(TypedDict, total=False):
    """A record of the area ``binlocation``: ``/api/1.0/binlocation/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    warehouse: Optional[int]
    active: bool
    lastupdated: Optional[datetime.datetime]


class BillOfMaterials(TypedDict, total=False):
    """A record of the area ``billofmaterials``: ``/api/1.0/billofmaterials/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    product: Optional[int]
    part: Optional[int]
    quantity: Optional[decimal.Decimal]
    unitofmeasure: Optional[int]
    lastupdated: Optional[datetime.datetime]


class Vendor(TypedDict, total=False):
    """A record of the area ``vendors``: ``/api/1.0/vendors/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    externalid: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class UnitOfMeasure(TypedDict, total=False):
    """A record of the area ``unitsofmeasure``: ``/api/1.0/unitsofmeasure/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Part(TypedDict, total=False):
    """A record of the area ``parts``: ``/api/1.0/parts/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    vendor: Optional[int]
    unitofmeasure: Optional[int]
    cost: Optional[decimal.Decimal]
    externalid: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class UserSite(TypedDict, total=False):
    """A record of the area ``usersites``: ``/api/1.0/usersites/``.

    Kept per site: pass ``site=``. Operations: get, list, create, delete.
    """

    id: int
    site: int
    user: int
    lastupdated: Optional[datetime.datetime]


class Contact(TypedDict, total=False):
    """A record of the area ``contacts``: ``/api/1.0/contacts/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    name: str
    email: Optional[str]
    phone: Optional[str]
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class ResourceShift(TypedDict, total=False):
    """A record of the area ``resourceshifts``: ``/api/1.0/resourceshifts/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class Kaizen(TypedDict, total=False):
    """A record of the area ``kaizen``: ``/api/1.0/kaizen/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    name: str
    description: Optional[str]
    kaizencategory: Optional[int]
    area: Optional[int]
    line: Optional[int]
    machine: Optional[int]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


class KaizenCategory(TypedDict, total=False):
    """A record of the area ``kaizencategory``: ``/api/1.0/kaizencategory/``.

    Kept per site: pass ``site=``. Operations: get, list, create, update, delete.
    """

    id: int
    site: int
    code: str
    description: Optional[str]
    active: bool
    lastupdated: Optional[datetime.datetime]


class ChecklistAnswer(TypedDict, total=False):
    """A record of the area ``checklistsanswers``: ``/api/1.0/checklistsanswers/``.

    Kept per site: pass ``site=``. Operations: get, list.
    """

    id: int
    site: int
    checklist: Optional[int]
    task_number: Optional[int]
    table_row_number: Optional[int]
    table_column_number: Optional[int]
    na: Optional[bool]
    answer: Optional[str]
    control_limit_low: Optional[decimal.Decimal]
    control_limit_high: Optional[decimal.Decimal]
    reject_limit_low: Optional[decimal.Decimal]
    reject_limit_high: Optional[decimal.Decimal]
    created: Optional[datetime.datetime]
    lastupdated: Optional[datetime.datetime]


AREAS: dict[str, type] = {
    "sites": Site,
    "areas": Area,
    "lines": Line,
    "machines": Machine,
    "technologies": Technology,
    "valuestreams": ValueStream,
    "dispatchtypes": DispatchType,
    "dispatches": Dispatch,
    "trades": Trade,
    "pitches": Pitch,
    "pitchdetails": PitchDetail,
    "productcomponents": Product,
    "buildsequence": BuildSequence,
    "productorders": ProductOrder,
    "scrapdetail": ScrapDetail,
    "scrapcategory": ScrapCategory,
    "users": User,
    "usertimes": UserTime,
    "spares": Spare,
    "tooling": Tooling,
    "checklists": Checklist,
    "dispatchstatuses": DispatchStatus,
    "dispatchnotes": DispatchNote,
    "dispatchtechnicians": DispatchTechnician,
    "actions": DispatchAction,
    "reasons": Reason,
    "machinegroups": MachineGroup,
    "document": Document,
    "workorders": WorkOrder,
    "workordercategories": WorkOrderCategory,
    "eventschedule": EventSchedule,
    "technicians": Technician,
    "technicianareas": TechnicianArea,
    "warehouses": Warehouse,
    "binlocation": BinLocation,
    "billofmaterials": BillOfMaterials,
    "vendors": Vendor,
    "unitsofmeasure": UnitOfMeasure,
    "parts": Part,
    "usersites": UserSite,
    "contacts": Contact,
    "resourceshifts": ResourceShift,
    "kaizen": Kaizen,
    "kaizencategory": KaizenCategory,
    "checklistsanswers": ChecklistAnswer,
}
