package dev.loyalty.tools.load;

import java.nio.file.Path;

/**
 * The settings of one load run, as {@code loyalty loadgen} parsed them.
 *
 * @param rate           requests per second over all connections (new flows; follow-ups come on top), 0 for the
 *                       closed loop at {@code pipeline} flows in flight per connection.
 * @param maxOutstanding open loop: requests a connection may have in flight before sending waits.
 * @param warmupNs       sent and checked, not measured.
 * @param durationNs     measured, after the warm-up.
 * @param drainNs        how long to wait for the last answers after the end.
 * @param reportDir      where the .hgrm files, the plot and the summary go; null for none.
 */
record LoadSettings(
    int connections,
    long rate,
    int pipeline,
    int maxOutstanding,
    long warmupNs,
    long durationNs,
    long drainNs,
    Mix mix,
    MemberNumbers numbers,
    long firstMember,
    long members,
    int redeemPercent,
    long seed,
    String runId,
    Path reportDir,
    boolean progress)
{
}
