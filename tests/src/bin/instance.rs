//! One Sammen server configured from `SAMMEN_*` as `sammen serve` is, printing its address on
//! the first line: for the tests that kill a real process (`SIGKILL`) and start another.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = sammen::config::Settings::load(None)?;
    let app = sammen::Application::build(settings).await?;
    println!("{}", app.public_url());
    app.run_until_stopped(std::future::pending()).await
}
