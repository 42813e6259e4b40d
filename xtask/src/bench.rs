pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("the benchmarks are not written yet")
}
