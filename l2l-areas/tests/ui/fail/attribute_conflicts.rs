// What attributes mean together: every conflict at its span, at once.
#[l2l_areas::record_area(path = "widgets", custom_properties)]
pub struct Widget {
    pub code: String,
    #[l2l(read_only, write_only)]
    pub note: Option<String>,
    #[l2l(kind = "date")]
    pub count: i64,
}

fn main() {}
