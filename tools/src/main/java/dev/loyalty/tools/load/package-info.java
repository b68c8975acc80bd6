/**
 * {@code loyalty seed} and {@code loyalty loadgen}: members made fast (online over HTTP, or offline into a
 * stopped engine's journal), and load that is measured and checked.
 * <p>
 * The load generator is protocol-neutral above {@link dev.loyalty.tools.load.Transport}: a
 * {@link dev.loyalty.tools.load.Request} says what to ask, a transport encodes it and decodes the answer into an
 * {@link dev.loyalty.tools.load.Answer}, and the schedule, the checks and the histograms work on those.
 * {@link dev.loyalty.tools.load.HttpTransport} is HTTP/1.1 JSON on Netty, pipelined over keep-alive connections.
 * <pre>
 *   LoadgenCommand ──► LoadRun: program terms (GET /v1/program), N connections, progress every second
 *                        └─► ConnectionDriver per connection (its event-loop thread):
 *                              Workload (mix, members by card, cheques) ──► Transport.Connection.send
 *                              answer ──► Checks (right? rejection? back-pressure?) ──► Stats (HdrHistogram)
 *                        └─► LoadResult: summary, .hgrm files, latency.png
 * </pre>
 * Latency is recorded from each request's intended send time (open loop) so that stalls are not hidden.
 */
package dev.loyalty.tools.load;
