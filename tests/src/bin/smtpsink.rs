//! For the browser tests: the tests' SMTP server as a program. Every email it accepts is
//! written to `<dir>/<n>.eml`, where a spec can read it.
//!
//! smtpsink <port> <dir>

use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: smtpsink <port> <dir>"))?
        .parse()?;
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: smtpsink <port> <dir>"))?,
    );
    std::fs::create_dir_all(&dir)?;
    let server = tests::smtp::SmtpServer::start_on(port).await;
    let mut written = 0;
    loop {
        let received = server.received();
        for email in &received[written..] {
            written += 1;
            let path = dir.join(format!("{written}.eml"));
            std::fs::write(dir.join(format!("{written}.tmp")), &email.raw)?;
            std::fs::rename(dir.join(format!("{written}.tmp")), path)?;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
