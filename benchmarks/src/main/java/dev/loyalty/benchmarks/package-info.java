/**
 * Benchmarks of the engine, of two kinds (STYLE.md 9).
 * <ul>
 *     <li>JMH benchmarks of components, each with its {@code @Fork}, {@code @Warmup} and {@code @Measurement}
 *     set explicitly and each checking its own result so that a broken engine cannot give a fast figure:
 *     {@link dev.loyalty.benchmarks.BusinessLogicBenchmark} (the single writer alone, 1,000,000 members),
 *     {@link dev.loyalty.benchmarks.CommandCodecBenchmark} (the journal's SBE codec),
 *     {@link dev.loyalty.benchmarks.JournalAppendBenchmark} (Chronicle Queue appends, ASYNC and SYNC),
 *     {@link dev.loyalty.benchmarks.PromotionMatchingBenchmark} (promotion matching and pricing of a cheque),
 *     {@link dev.loyalty.benchmarks.BinaryCodecBenchmark} (the binary protocol's codec, client and server) and
 *     {@link dev.loyalty.benchmarks.PipelineBenchmark} (the whole in-process pipeline, saturated).</li>
 *     <li>Whole-pipeline harnesses named by topology, which validate every reply and record latency from
 *     each command's planned send time into HdrHistogram:
 *     {@link dev.loyalty.benchmarks.PipelineLatencyHarness}; and
 *     {@link dev.loyalty.benchmarks.BinaryLoopbackHarness}, pipelined authorizations through the binary
 *     protocol's client on loopback, every answer checked (a closed-loop throughput figure).</li>
 *     <li>{@link dev.loyalty.benchmarks.BareHttpServer}: the ceiling of the HTTP path on this machine, a bare
 *     Netty server answering a fixed JSON body, for {@code benchmarks/compare/run.sh}.</li>
 * </ul>
 * {@link dev.loyalty.benchmarks.BenchmarkMain} is the jar's entry point: JMH's own command line, with the JVM
 * flags Chronicle Queue needs on Java 17 given to every forked JVM. {@link dev.loyalty.benchmarks.Workload}
 * makes the data every benchmark uses (program, stores, members with balances, purchases) from a seed, and
 * {@link dev.loyalty.benchmarks.PurchaseAudit} checks after a run that the engine did what was asked.
 * {@code docs/BENCHMARKS.md} gives the commands, the machine and the figures.
 */
package dev.loyalty.benchmarks;
