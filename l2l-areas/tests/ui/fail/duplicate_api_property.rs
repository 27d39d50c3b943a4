// Two fields cannot map to the same API property.
#[l2l_areas::record_area(path = "widgets")]
pub struct Widget {
    #[l2l(id, read_only)]
    pub id: i64,
    pub code: String,
    #[l2l(rename = "code")]
    pub machine_code: String,
}

fn main() {}
