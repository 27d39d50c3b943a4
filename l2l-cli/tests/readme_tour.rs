//! README's tour "Sync into a database", run as written: the test reads the section's `sh`
//! block from README.md and runs each line in order (`l2l sandbox`, `export`, `l2l call`,
//! `l2l sync`, `createdb`), the `sqlite3` queries through rusqlite on the file the tour
//! wrote and the `psql` queries on a real PostgreSQL, and checks both answers against the
//! numbers the sandbox's API gives. The only changes to the lines: the sandbox listens on a
//! free port (the `export` follows it), and the PostgreSQL URL is the test's server.

mod common;

#[path = "../../l2l-sync/tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::str::FromStr;

#[path = "readme_tour/readme.rs"]
mod readme;
#[path = "readme_tour/rows.rs"]
mod rows;

use readme::tour;
use rows::{postgres_rows, sqlite_rows};

use l2l_areas::{Decimal, Dispatch, Product, ScrapCategory, ScrapDetail};
use serde_json::Value;

/// `l2l sandbox`, as the tour starts it; killed on drop.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Which of the tour's two questions a query answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Question {
    OpenDispatchesByLine,
    ScrapByProduct,
}

impl Question {
    fn of(sql: &str) -> Question {
        if sql.contains("FROM dispatches") {
            Question::OpenDispatchesByLine
        } else if sql.contains("FROM scrapdetail") {
            Question::ScrapByProduct
        } else {
            panic!("a query of the tour this test does not know: {sql}")
        }
    }
}

/// The tour as it runs: the scratch directory (its working directory), the variables it
/// exported, the sandbox and the PostgreSQL server it started.
struct Run {
    dir: PathBuf,
    vars: Vec<(String, String)>,
    server: Option<Server>,
    port: u16,
    rt: tokio::runtime::Runtime,
    pg: Option<Option<pg::Pg>>,
    pg_url: Option<String>,
    answered: Vec<(&'static str, Question)>,
}

impl Run {
    fn l2l(&self, args: &[String]) -> String {
        let mut c = common::bare(&self.dir);
        c.current_dir(&self.dir).args(args);
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        let out = c.output().expect("l2l runs");
        let err = common::stderr(&out);
        assert!(out.status.success(), "l2l {args:?} failed: {err}");
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn var(&self, name: &str) -> &str {
        self.vars
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("the tour exports {name}"))
    }

    fn client(&self) -> l2l_areas::Client {
        l2l_areas::Client::builder()
            .base_url(self.var("L2L_BASE_URL"))
            .api_key(self.var("L2L_API_KEY"))
            .build()
            .expect("a client")
    }

    /// `l2l sandbox ...`, on a free port instead of the tour's.
    fn start_sandbox(&mut self, args: &[String]) {
        let mut args = args.to_vec();
        let at = args
            .iter()
            .position(|a| a == "--port")
            .expect("the tour names a port");
        args[at + 1] = "0".into();
        let mut child = common::bare(&self.dir)
            .current_dir(&self.dir)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("l2l sandbox starts");
        let stdout = child.stdout.take().expect("stdout");
        self.server = Some(Server(child));
        let url = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|l| l.strip_prefix("listening on ").map(str::to_owned))
            .expect("l2l sandbox prints its URL");
        let port = url
            .trim_end_matches("/api/1.0/")
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok());
        self.port = port.expect("a port in the URL");
    }

    /// `export K=V ...`, with the tour's port replaced by the sandbox's.
    fn export(&mut self, words: &[String], tour_port: &str) {
        for w in words {
            let (k, v) = w.split_once('=').expect("export K=V");
            let v = v.replace(&format!(":{tour_port}"), &format!(":{}", self.port));
            self.vars.push((k.to_owned(), v));
        }
    }

    /// The PostgreSQL server, started the first time the tour needs it (`None`: not
    /// installed, and the PostgreSQL part is skipped with a message).
    fn pg(&mut self) -> Option<&pg::Pg> {
        self.pg
            .get_or_insert_with(|| pg::Pg::start("tour"))
            .as_ref()
    }

    /// The tour's PostgreSQL URL, as the test's server.
    fn pg_url(&self) -> String {
        self.pg_url
            .clone()
            .expect("`createdb` comes first in the tour")
    }

    /// What the API says the answer to `q` is, in the query's order (largest first, then
    /// by name).
    fn expected(&self, q: Question) -> Vec<(String, Decimal)> {
        let client = self.client();
        let sums: BTreeMap<String, Decimal> = self.rt.block_on(async {
            let mut sums = BTreeMap::new();
            match q {
                Question::OpenDispatchesByLine => {
                    let all = Dispatch::query(1).all(&client).await.expect("dispatches");
                    for d in all.iter().filter(|d| d.open.as_deref() == Some("T")) {
                        let line = d.linecode.clone().expect("an open dispatch has a line");
                        *sums.entry(line).or_insert(Decimal::ZERO) += Decimal::ONE;
                    }
                }
                Question::ScrapByProduct => {
                    let products: BTreeMap<i64, String> = Product::query(1)
                        .all(&client)
                        .await
                        .expect("products")
                        .into_iter()
                        .map(|p| (p.id, p.code))
                        .collect();
                    let all = ScrapDetail::query(1).all(&client).await.expect("scrap");
                    for s in &all {
                        if let Some(code) = s.product.and_then(|p| products.get(&p)) {
                            *sums.entry(code.clone()).or_insert(Decimal::ZERO) += s.scrap;
                        }
                    }
                }
            }
            sums
        });
        ordered(sums.into_iter().collect())
    }

    fn check(&mut self, db: &'static str, sql: &str, rows: Vec<(String, String)>) {
        let q = Question::of(sql);
        let got: Vec<(String, Decimal)> = rows
            .into_iter()
            .map(|(k, v)| {
                let n = Decimal::from_str(&v).unwrap_or_else(|e| panic!("{v:?}: {e}"));
                (k, n.normalize())
            })
            .collect();
        let want = self.expected(q);
        assert!(
            want.len() >= 2,
            "the test seeds two groups or more: {want:?}"
        );
        assert_eq!(got, want, "{db}: {sql}");
        self.answered.push((db, q));
    }
}

/// Largest first, then by name; decimals without trailing zeros.
fn ordered(mut rows: Vec<(String, Decimal)>) -> Vec<(String, Decimal)> {
    for r in &mut rows {
        r.1 = r.1.normalize();
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// Data beyond the demo plant's, through the API, so that each answer has several groups:
/// open dispatches on two lines (and a closed one, which neither answer counts), scrap of
/// three products (and one without a product).
fn seed(run: &Run) {
    let (products, dent) = run.rt.block_on(async {
        let client = run.client();
        let products: BTreeMap<String, i64> = Product::query(1)
            .all(&client)
            .await
            .expect("products")
            .into_iter()
            .map(|p| (p.code, p.id))
            .collect();
        let dent = ScrapCategory::query(1)
            .all(&client)
            .await
            .expect("scrap categories")[0]
            .id;
        (products, dent)
    });
    let open = |machine: &str, what: &str| -> i64 {
        let out = run.l2l(&[
            "call".into(),
            "POST".into(),
            "dispatches/open".into(),
            "site=1".into(),
            "dispatchtypecode=Maintenance".into(),
            format!("machinecode={machine}"),
            format!("description={what}"),
        ]);
        let v: Value = serde_json::from_str(&out).expect("JSON");
        v["data"]["id"].as_i64().expect("the new dispatch's id")
    };
    open("M-100", "Oil leak");
    open("M-101", "Guard open");
    let closed = open("WLD-01", "Tip worn");
    run.l2l(&[
        "call".into(),
        "POST".into(),
        format!("dispatches/close/{closed}"),
        "site=1".into(),
    ]);
    let scrap = |product: Option<&str>, n: &str| {
        let mut args: Vec<String> = [
            "create",
            "scrapdetail",
            "--site",
            "1",
            "--set",
            "start=2026-01-06 07:00:00",
            "--set",
            "line=1",
        ]
        .map(String::from)
        .to_vec();
        args.extend(["--set".into(), format!("category={dent}")]);
        args.extend(["--set".into(), format!("scrap={n}")]);
        if let Some(p) = product {
            args.extend(["--set".into(), format!("product={}", products[p])]);
        }
        run.l2l(&args);
    };
    scrap(Some("PROD-B"), "3.5");
    scrap(Some("PROD-B"), "1.25");
    scrap(Some("PROD-C"), "0.75");
    scrap(None, "9");
}

#[test]
fn the_readme_tour_runs_and_answers_both_questions() {
    let tour = tour();
    let dir = std::env::temp_dir().join(format!("l2l-cli-tour-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let mut run = Run {
        dir: dir.clone(),
        vars: Vec::new(),
        server: None,
        port: 0,
        rt: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime"),
        pg: None,
        pg_url: None,
        answered: Vec::new(),
    };
    let mut tour_port = String::new();
    let mut skipped_pg = false;
    for line in &tour {
        let args = &line[1..];
        let pg_line = line.iter().any(|w| w.starts_with("postgres://")) || line[0] == "createdb";
        if pg_line && run.pg().is_none() {
            skipped_pg = true;
            continue;
        }
        match (line[0].as_str(), args.first().map(String::as_str)) {
            ("l2l", Some("sandbox")) => {
                let at = line.iter().position(|w| w == "--port").expect("a port");
                tour_port = line[at + 1].clone();
                run.start_sandbox(args);
            }
            ("export", _) => {
                run.export(args, &tour_port);
                seed(&run);
            }
            ("l2l", _) => {
                let url = run.pg_url.clone();
                let args: Vec<String> = args
                    .iter()
                    .map(|a| match &url {
                        Some(u) if a.starts_with("postgres://") => u.clone(),
                        _ => a.clone(),
                    })
                    .collect();
                run.l2l(&args);
            }
            ("sqlite3", Some(file)) => {
                assert_eq!(args.len(), 2, "sqlite3 FILE SQL: {line:?}");
                let rows = sqlite_rows(&dir.join(file), &args[1]);
                run.check("SQLite", &args[1], rows);
            }
            ("createdb", Some(name)) => {
                let url = run.pg().expect("started above").database(name);
                run.pg_url = Some(url);
            }
            ("psql", Some(_)) => {
                assert_eq!(args.len(), 3, "psql URL -c SQL: {line:?}");
                assert_eq!(args[1], "-c", "{line:?}");
                let rows = postgres_rows(&run.pg_url(), &args[2]);
                run.check("PostgreSQL", &args[2], rows);
            }
            _ => panic!("a line of the tour this test does not run: {line:?}"),
        }
    }
    let mut answered = run.answered.clone();
    answered.sort();
    let mut want = vec![
        ("SQLite", Question::OpenDispatchesByLine),
        ("SQLite", Question::ScrapByProduct),
    ];
    if !skipped_pg {
        want.push(("PostgreSQL", Question::OpenDispatchesByLine));
        want.push(("PostgreSQL", Question::ScrapByProduct));
    }
    want.sort();
    assert_eq!(
        answered, want,
        "the tour asks both questions of each database"
    );
    drop(run);
    let _ = std::fs::remove_dir_all(&dir);
}
