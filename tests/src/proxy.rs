//! A TCP proxy in front of PostgreSQL that can make one instance's listening connection hang
//! silently: the connection stays open, but nothing more passes either way. That is what a
//! half-dead network path or a stuck load balancer does, and what a heartbeat must notice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone)]
pub struct FreezingProxy {
    pub port: u16,
    frozen: Arc<AtomicBool>,
}

impl FreezingProxy {
    /// Forwards 127.0.0.1:<port> to `upstream` (host:port).
    pub async fn start(upstream: String) -> FreezingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy port");
        let port = listener.local_addr().expect("address").port();
        let frozen = Arc::new(AtomicBool::new(false));
        let all_frozen = frozen.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                let listening = Arc::new(AtomicBool::new(false));
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                tokio::spawn(pipe(cr, sw, listening.clone(), all_frozen.clone(), true));
                tokio::spawn(pipe(sr, cw, listening, all_frozen.clone(), false));
            }
        });
        FreezingProxy { port, frozen }
    }

    /// Stops all traffic on connections that have sent `LISTEN`; others go on.
    pub fn freeze_listeners(&self) {
        self.frozen.store(true, Ordering::SeqCst);
    }

    pub fn thaw(&self) {
        self.frozen.store(false, Ordering::SeqCst);
    }
}

async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    listening: Arc<AtomicBool>,
    frozen: Arc<AtomicBool>,
    client_side: bool,
) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if client_side && buffer[..n].windows(7).any(|w| w == b"LISTEN ") {
            listening.store(true, Ordering::SeqCst);
        }
        // Hold what arrived while frozen; deliver it only after thawing, as a stalled path does.
        while listening.load(Ordering::SeqCst) && frozen.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}
