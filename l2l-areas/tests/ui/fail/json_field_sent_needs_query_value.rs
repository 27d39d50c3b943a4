// A field of kind `json` that is sent (not `read_only`) needs a type that can be written
// as a form value: the error points at the field's type.
#[l2l_areas::record_area(path = "widgets", ops(list, create))]
pub struct Widget {
    pub code: String,
    #[l2l(kind = "json")]
    pub tags: Vec<String>,
}

fn main() {}
