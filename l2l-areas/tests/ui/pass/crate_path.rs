// `crate = path` points the generated code at a re-export of l2l_areas.

mod rt {
    pub use l2l_areas::*;
}

#[l2l_areas::record_area(path = "notes", crate = crate::rt, ops(list, get))]
#[derive(Debug)]
pub struct Note {
    #[l2l(id, read_only)]
    pub id: i64,
    pub text: String,
}

fn main() {
    assert_eq!(Note::query().text_lt("m").to_query_string(), "text__lt=m");
    assert_eq!(<Note as rt::RecordArea>::SCHEMA.path, "notes");
}
