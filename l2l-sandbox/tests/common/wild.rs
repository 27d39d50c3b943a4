//! Helpers of the wild-calls tests (`wild_endpoints.rs`, `wild_fields.rs`).

use l2l_areas::*;

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn t(s: &str) -> SiteTime {
    s.parse().unwrap()
}

pub async fn open(c: &Client, dtype: &str, machine: &str) -> Dispatch {
    Dispatch::open(c, &OpenDispatch::new(1, dtype, machine, "wild"))
        .await
        .unwrap()
}

pub async fn type_id(c: &Client, code: &str) -> i64 {
    DispatchType::query(1)
        .code_eq(code)
        .first(c)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn technician(c: &Client, login: &str) -> Technician {
    Technician::query(1)
        .loginid_eq(login)
        .first(c)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no technician {login}"))
}
