// A type the macro does not know needs `#[l2l(kind = "...")]`.
#[l2l_areas::record_area(path = "widgets")]
pub struct Widget {
    #[l2l(id, read_only)]
    pub id: i64,
    pub tags: Vec<String>,
    pub dimensions: Option<(f64, f64)>,
}

fn main() {}
