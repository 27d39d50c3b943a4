//! The two servers the sync benchmarks read from, each run as a child process
//! (`l2l-bench serve memory|sandbox ...`) so that the harness stays small and the clients'
//! peak RSS is their own.

pub mod memory;
pub mod sandbox;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Pre-rendered pages from memory: the client is the bottleneck.
    Memory,
    /// `l2l-sandbox`: SQLite behind axum, as integrations test against.
    Sandbox,
}

impl Kind {
    /// The name used in tables.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Memory => "in-memory",
            Kind::Sandbox => "sandbox",
        }
    }
}

/// A running server child: killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Its base URL (`http://127.0.0.1:PORT`).
    pub base_url: String,
    /// The API key it accepts.
    pub api_key: String,
    /// Seconds it took to build or seed its records.
    pub setup_s: f64,
}

impl Server {
    /// Starts `l2l-bench serve <kind> --records N --delay-ms D` and waits until it listens.
    pub fn start(kind: Kind, records: u64, delay_ms: u64) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let kind_arg = match kind {
            Kind::Memory => "memory",
            Kind::Sandbox => "sandbox",
        };
        let mut child = Command::new(exe)
            .args(["serve", kind_arg, "--records"])
            .arg(records.to_string())
            .arg("--delay-ms")
            .arg(delay_ms.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("starting the {} server: {e}", kind.label()))?;
        let out = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(out).lines();
        let (mut base_url, mut api_key, mut setup_s) = (None, None, 0.0);
        for line in lines.by_ref() {
            let line = line.map_err(|e| e.to_string())?;
            if let Some(v) = line.strip_prefix("url ") {
                base_url = Some(v.to_owned());
            } else if let Some(v) = line.strip_prefix("key ") {
                api_key = Some(v.to_owned());
            } else if let Some(v) = line.strip_prefix("setup_s ") {
                setup_s = v.parse().unwrap_or(0.0);
            } else if line == "ready" {
                break;
            }
        }
        let (Some(base_url), Some(api_key)) = (base_url, api_key) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the {} server did not start", kind.label()));
        };
        Ok(Server {
            child,
            base_url,
            api_key,
            setup_s,
        })
    }
}

impl Server {
    /// The server process's id (for its CPU time, [`crate::cpu::tree`]).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The child side of [`Server::start`]: serves until stdin closes (the harness ended).
pub fn serve(kind: Kind, records: u64, delay_ms: u64, port: u16) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        // Exit when the harness goes away.
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            std::process::exit(0);
        });
        let delay = std::time::Duration::from_millis(delay_ms);
        match kind {
            Kind::Memory => {
                let started = std::time::Instant::now();
                let data = std::sync::Arc::new(memory::Data::new(records));
                let (listener, addr) = memory::bind(port).await.map_err(|e| e.to_string())?;
                println!("url http://{addr}");
                println!("key bench-key");
                println!("setup_s {:.3}", started.elapsed().as_secs_f64());
                println!("ready");
                memory::serve(listener, data, delay)
                    .await
                    .map_err(|e| e.to_string())
            }
            Kind::Sandbox => {
                if delay_ms > 0 {
                    return Err("the sandbox takes no --delay-ms".into());
                }
                let (sandbox, secs) = sandbox::start(port, records).await?;
                println!("url {}", sandbox.base_url());
                println!("key {}", sandbox.api_key());
                println!("setup_s {secs:.3}");
                println!("ready");
                std::future::pending::<()>().await;
                drop(sandbox);
                Ok(())
            }
        }
    })
}
