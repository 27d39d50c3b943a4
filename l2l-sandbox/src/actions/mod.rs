//! Action endpoints (`/api/1.0/<area>/<action>/[<key>/]`), one module per area family,
//! each with plausible effects on the stored records.

use crate::api::Ctx;
use crate::api::call::ApiError;

/// An action: the call's context and the path key after the action's name (a record id,
/// a user name, an external id).
pub type Action = fn(&Ctx<'_>, Option<&str>) -> Result<Vec<u8>, ApiError>;

/// Every action, by path.
pub const ACTIONS: &[(&str, Action)] = &[];

/// The action a path names, and its key.
pub fn find(segments: &[String]) -> Option<(Action, Option<&str>)> {
    for take in [3usize, 2] {
        if segments.len() < take || segments.len() > take + 1 {
            continue;
        }
        let path = segments[..take].join("/");
        if let Some((_, action)) = ACTIONS.iter().find(|(p, _)| *p == path) {
            return Some((*action, segments.get(take).map(String::as_str)));
        }
    }
    None
}
