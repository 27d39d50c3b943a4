//! The plant's structure: sites.

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
