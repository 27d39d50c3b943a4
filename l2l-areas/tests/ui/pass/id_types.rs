// Ids of every integer width, nullable ids and an id type of the user's own (kind =
// "integer", converting into i64): `record_id` reads each.

use l2l_areas::Record;

#[l2l_areas::record_area(path = "small")]
pub struct Small {
    #[l2l(id, read_only)]
    pub id: i16,
}

#[l2l_areas::record_area(path = "wide")]
pub struct Wide {
    #[l2l(id, read_only)]
    pub id: u64,
}

#[l2l_areas::record_area(path = "maybe")]
pub struct Maybe {
    #[l2l(id, read_only)]
    pub id: Option<i64>,
    pub note: Option<String>,
}

/// An id type of the user's own.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct MachineId(pub i64);

impl From<MachineId> for i64 {
    fn from(id: MachineId) -> i64 {
        id.0
    }
}

impl l2l_areas::QueryValue for MachineId {
    fn write_value(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
}

#[l2l_areas::record_area(path = "machines", scope = site)]
pub struct Machine {
    #[l2l(id, read_only, kind = "integer")]
    pub id: MachineId,
    pub parent: Option<i64>,
}

#[l2l_areas::record_area(path = "machine_links", ops(list))]
pub struct Link {
    #[l2l(id, kind = "integer")]
    pub id: Option<MachineId>,
}

fn main() {
    assert_eq!(Small { id: -3, extra: Default::default() }.record_id(), Some(-3));
    assert_eq!(Wide { id: 9, extra: Default::default() }.record_id(), Some(9));
    assert_eq!(Wide { id: u64::MAX, extra: Default::default() }.record_id(), None);
    assert_eq!(Maybe { id: None, note: None, extra: Default::default() }.record_id(), None);
    assert_eq!(Machine { id: MachineId(12), parent: None, extra: Default::default() }.record_id(), Some(12));
    assert_eq!(Link { id: Some(MachineId(4)), extra: Default::default() }.record_id(), Some(4));
    assert_eq!(MachinePartial { id: Some(MachineId(5)), parent: None }.record_id(), Some(5));
    assert_eq!(WidePartial { id: Some(7) }.record_id(), Some(7));
    assert_eq!(Machine::query(1).id_gt(MachineId(3)).to_query_string(), "site=1&id__gt=3");
}
