//! A real SMTP server on a local port for the tests: the `mailin` crate speaks the protocol,
//! tokio carries it over TCP, and every accepted email is kept for the test to read. It can
//! be started late (the port closed until then), so tests see Sammen cope with a server that
//! is down.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin::{Action, Handler, Response, SessionBuilder, response};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One email as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("an email that parses")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let raw = String::from_utf8_lossy(&self.raw);
        let prefix = format!("{}:", name.to_ascii_lowercase());
        raw.lines()
            .take_while(|l| !l.is_empty())
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }

    pub fn message_id(&self) -> String {
        self.header("Message-ID")
            .expect("every email has a Message-ID")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    /// The plain-text part, decoded.
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// The HTML part, decoded.
    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// The attached calendar file (`text/calendar`), decoded.
    pub fn calendar(&self) -> Option<String> {
        use mail_parser::MimeHeaders;
        let parsed = self.parsed();
        parsed
            .attachments()
            .find(|part| {
                part.content_type()
                    .is_some_and(|t| t.ctype() == "text" && t.subtype() == Some("calendar"))
            })
            .map(|part| String::from_utf8_lossy(part.contents()).to_string())
    }

    /// Everything a reader could see: headers, the decoded text and HTML.
    pub fn everything(&self) -> String {
        format!(
            "{}\n{}\n{}",
            String::from_utf8_lossy(&self.raw),
            self.text(),
            self.html()
        )
    }
}

#[derive(Clone, Default)]
struct Inbox {
    received: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let email = Received {
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.data),
        };
        self.received.lock().expect("inbox lock").push(email);
        response::OK
    }
}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl SmtpServer {
    /// A server on a free port, accepting from now on.
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("an SMTP port");
        SmtpServer::serve(listener)
    }

    /// A free port with nothing listening on it yet: `start_on` it later.
    pub fn free_port() -> u16 {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        probe.local_addr().expect("address").port()
    }

    pub async fn start_on(port: u16) -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("the SMTP port is free");
        SmtpServer::serve(listener)
    }

    fn serve(listener: TcpListener) -> SmtpServer {
        let port = listener.local_addr().expect("address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let inbox = Inbox {
            received: received.clone(),
            ..Inbox::default()
        };
        let task = tokio::spawn(async move {
            let builder = SessionBuilder::new("smtp.test");
            while let Ok((stream, peer)) = listener.accept().await {
                let (builder, inbox) = (builder.clone(), inbox.clone());
                tokio::spawn(async move {
                    let _ = session(stream, peer, builder, inbox).await;
                });
            }
        });
        SmtpServer {
            port,
            received,
            task: Some(task),
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("inbox lock").clone()
    }

    /// Waits (up to 20 s) until at least `n` emails have arrived, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..400 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {n} emails, the SMTP server received {}",
            self.received().len()
        );
    }

    /// Stops accepting new connections.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    builder: SessionBuilder,
    inbox: Inbox,
) -> std::io::Result<()> {
    let ip: IpAddr = peer.ip();
    let mut session = builder.build(ip, inbox);
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(&session.greeting().buffer()?).await?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let answer = session.process(&line);
        match answer.action {
            Action::Reply => write.write_all(&answer.buffer()?).await?,
            Action::Close | Action::UpgradeTls => {
                write.write_all(&answer.buffer()?).await?;
                return Ok(());
            }
            Action::NoReply => {}
        }
    }
}
