//! Writing results: markdown tables, hand-written SVG bar charts, and the sections of
//! `docs/benchmarks.md` (each scenario replaces its own section, between markers, and
//! leaves the others as they are).

use std::fmt::Write as _;
use std::path::Path;

/// A markdown table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column titles.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table as GitHub markdown; columns whose cells all look numeric are right-aligned.
    pub fn markdown(&self) -> String {
        let numeric: Vec<bool> = (0..self.headers.len())
            .map(|c| {
                self.rows.iter().all(|r| {
                    r.get(c).is_none_or(|s| {
                        let s = s.trim_matches(|ch: char| "×%*~ ".contains(ch));
                        s.is_empty()
                            || s == "—"
                            || s.chars()
                                .all(|ch| ch.is_ascii_digit() || ",.-".contains(ch))
                    })
                })
            })
            .collect();
        let mut s = String::new();
        let _ = writeln!(s, "| {} |", self.headers.join(" | "));
        let seps: Vec<&str> = numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" })
            .collect();
        let _ = writeln!(s, "|{}|", seps.join("|"));
        for r in &self.rows {
            let _ = writeln!(s, "| {} |", r.join(" | "));
        }
        s
    }
}

/// `1234567.8` as `1,234,568`.
pub fn thousands(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number with `digits` decimals.
pub fn fixed(x: f64, digits: usize) -> String {
    format!("{x:.digits$}")
}

/// Bytes as MiB with one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// A ratio, `2.31×`.
pub fn times(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}×")
    } else {
        "—".into()
    }
}

/// One bar of a chart: its label, value and the text printed after it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label on the left.
    pub label: String,
    /// The value (the bar's length).
    pub value: f64,
    /// The text after the bar.
    pub text: String,
}

/// A group of bars under a heading.
#[derive(Debug, Clone)]
pub struct Group {
    /// The heading.
    pub title: String,
    /// The bars.
    pub bars: Vec<Bar>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "")
}

/// A horizontal bar chart as a self-contained SVG: one scale for every group, or one per
/// group with `per_group_scale` (when groups differ by orders of magnitude).
pub fn bar_chart(title: &str, unit: &str, groups: &[Group], per_group_scale: bool) -> String {
    const W: f64 = 760.0;
    const LABEL: f64 = 210.0;
    const BAR_H: f64 = 18.0;
    const GAP: f64 = 6.0;
    const TEXT: f64 = 150.0;
    let palette = [
        "#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#4b5563",
    ];
    let global = groups
        .iter()
        .flat_map(|g| g.bars.iter().map(|b| b.value))
        .fold(0.0f64, f64::max);
    let mut y = 44.0;
    let mut body = String::new();
    for g in groups {
        let max = if per_group_scale {
            g.bars.iter().map(|b| b.value).fold(0.0f64, f64::max)
        } else {
            global
        };
        let _ = writeln!(
            body,
            r#"<text x="10" y="{:.0}" font-weight="bold">{}</text>"#,
            y + 12.0,
            esc(&g.title)
        );
        y += 20.0;
        for (i, b) in g.bars.iter().enumerate() {
            let len = if max > 0.0 {
                (b.value / max) * (W - LABEL - TEXT - 20.0)
            } else {
                0.0
            };
            let _ = writeln!(
                body,
                r#"<text x="{:.0}" y="{:.0}" text-anchor="end">{}</text><rect x="{LABEL:.0}" y="{:.0}" width="{:.1}" height="{BAR_H:.0}" fill="{}"/><text x="{:.0}" y="{:.0}">{}</text>"#,
                LABEL - 8.0,
                y + 13.0,
                esc(&b.label),
                y,
                len.max(1.0),
                palette[i % palette.len()],
                LABEL + len.max(1.0) + 6.0,
                y + 13.0,
                esc(&b.text)
            );
            y += BAR_H + GAP;
        }
        y += 10.0;
    }
    let h = y + 10.0;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W:.0}" height="{h:.0}" viewBox="0 0 {W:.0} {h:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="15" font-weight="bold">{}</text>
<text x="{:.0}" y="22" text-anchor="end" fill="#555555">{}</text>
{body}</svg>
"##,
        esc(title),
        W - 10.0,
        esc(unit)
    )
}

const HEADER: &str = "# Benchmarks

Written by `cargo run --release -p l2l-bench -- <scenario>` (`all` runs every one); each
scenario replaces its own section below. Every figure of a section comes from one run on one
machine, and the targets are ratios between figures of that same run, never absolute
times. How each figure is measured is said under its table; the harness is `l2l-bench/`.
";

/// Replaces (or appends) section `name` of the markdown file at `path` with `text`.
pub fn write_section(path: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let begin = format!("<!-- l2l-bench:{name} -->");
    let end = format!("<!-- /l2l-bench:{name} -->");
    let current = std::fs::read_to_string(path).unwrap_or_else(|_| HEADER.to_owned());
    let block = format!("{begin}\n{}\n{end}", text.trim_end());
    let next = match (current.find(&begin), current.find(&end)) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{block}{}", &current[..a], &current[b + end.len()..])
        }
        _ => format!("{}\n{block}\n", current.trim_end()),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_numbers_right() {
        let mut t = Table::new(["client", "records/s"]);
        t.row(["hand", "1,234"]);
        t.row(["typed", "2.50×"]);
        let md = t.markdown();
        assert!(md.contains("|---|---:|"), "{md}");
        assert!(md.contains("| typed | 2.50× |"));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1234567.6), "1,234,568");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(times(1.234), "1.23×");
        assert_eq!(mib(3 * 1024 * 1024), "3.0");
    }

    #[test]
    fn sections_are_replaced_in_place() {
        let dir = std::env::temp_dir().join(format!("l2l-bench-report-{}", std::process::id()));
        let path = dir.join("b.md");
        write_section(&path, "a", "first").unwrap();
        write_section(&path, "b", "second").unwrap();
        write_section(&path, "a", "third").unwrap();
        let s = std::fs::read_to_string(&path).unwrap();
        assert!(s.starts_with("# Benchmarks"));
        assert!(s.find("third").unwrap() < s.find("second").unwrap());
        assert!(!s.contains("first"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn charts_are_svg() {
        let svg = bar_chart(
            "t",
            "records/s",
            &[Group {
                title: "g <1>".into(),
                bars: vec![Bar {
                    label: "a".into(),
                    value: 2.0,
                    text: "2".into(),
                }],
            }],
            false,
        );
        assert!(svg.starts_with("<svg") && svg.contains("g &lt;1&gt;"));
    }
}
