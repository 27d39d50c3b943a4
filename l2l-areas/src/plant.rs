//! The plant's structure: sites, areas, lines, machines, technologies and value streams.

use crate::DateTime;

/// A site (a plant): the top of L2L's hierarchy. Areas, lines and machines belong to one.
#[crate::record_area(path = "sites")]
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The site's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number, which other areas' `site` filters take.
    pub site: i64,
    /// The site's name.
    pub description: String,
    /// The site's time zone (`America/Denver`).
    pub timezone: Option<String>,
    /// Whether the site is active.
    pub active: Option<bool>,
    /// Whether this is a test site.
    pub test_site: Option<bool>,
    /// When the site was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When the site was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An area of a site: a group of lines (a department, a hall).
#[crate::record_area(path = "areas", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The area's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The area's code, unique in its site (filter alias `areacode` on other areas).
    pub code: String,
    /// The area's name.
    pub description: Option<String>,
    /// Whether the area is active.
    pub active: bool,
    /// The id of this area in another system (an ERP's).
    pub externalid: Option<String>,
    /// When the area was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When the area was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A production line of an area.
#[crate::record_area(path = "lines", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The line's code (`Line 33`), the `linecode` that action endpoints take.
    pub code: String,
    /// The line's name.
    pub description: Option<String>,
    /// The id of the line's area.
    #[l2l(label = "Area")]
    pub area: i64,
    /// The code of the line's area.
    #[l2l(read_only)]
    pub areacode: Option<String>,
    /// A short name.
    pub abbreviation: Option<String>,
    /// The id of the line's default machine.
    pub defaultmachine: Option<i64>,
    /// Whether production is recorded on the line.
    pub enable_production: bool,
    /// Whether the line is active.
    pub active: bool,
    /// The id of this line in another system.
    pub externalid: Option<String>,
    /// When the line was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When the line was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A machine (an asset) on a line. Machines have custom properties: name a site and
/// filter them with `custom(..)`.
#[crate::record_area(path = "machines", scope = site, custom_properties)]
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    /// The machine's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The machine's code, usually the ERP's asset code (`WLD0001`).
    pub code: String,
    /// The machine's name.
    pub description: Option<String>,
    /// A short name.
    pub shortdescription: Option<String>,
    /// The id of the machine's line.
    #[l2l(read_only)]
    pub line: Option<i64>,
    /// The code of the machine's line: read and filtered on (`linecode=Line1`, `fields=linecode`)
    /// as L2L's IoT sample and Ignition library do, and written (as the docs' POST example
    /// does) to put the machine on that line.
    pub linecode: Option<String>,
    /// The machine's cost center.
    pub costcentercode: Option<String>,
    /// The id of this machine in another system.
    pub externalid: Option<String>,
    /// The machine's cycle count (set with `set_cycle_count` and `increment_cycle_count`).
    #[l2l(read_only)]
    pub cyclecount: Option<i64>,
    /// Whether the machine is active.
    pub active: bool,
    /// When the machine was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When the machine was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A technology: a kind of machine.
#[crate::record_area(path = "technologies", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Technology {
    /// The technology's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The technology's code.
    #[l2l(label = "Technology")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A value stream: the lines that make one family of products.
#[crate::record_area(path = "valuestreams", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ValueStream {
    /// The value stream's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The value stream's code.
    #[l2l(label = "Value Stream")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
