// Consuming a stream needs only what l2l-areas re-exports: no `futures::` path here (the
// traits come from `l2l_areas::prelude`), so a crate that depends on l2l-areas and tokio
// alone can write this loop.

use l2l_areas::prelude::*;
use l2l_areas::{Machine, Site};

async fn codes(client: &Client) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut s = Machine::query(1).keyset().stream(client);
    while let Some(m) = s.try_next().await? {
        let _color = m.custom("color");
        out.push(m.code);
    }
    // The stream combinators are there too.
    let sites: Vec<Site> = Site::query().stream(client).take(2).try_collect().await?;
    out.extend(sites.into_iter().map(|s| s.description));
    Ok(out)
}

fn main() {
    let _ = codes;
}
