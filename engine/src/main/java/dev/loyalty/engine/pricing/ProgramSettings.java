package dev.loyalty.engine.pricing;

import dev.loyalty.engine.command.EarnOn;

/** The program's settings as {@code PUT /v1/program} sets them; {@link #DEFAULTS} are API.md's defaults. */
public record ProgramSettings(
    long pointValueMinor,
    long baseEarnBp,
    EarnOn earnOn,
    long activationDelayHours,
    long pointsTtlDays,
    long maxRedeemShareBp,
    long holdTimeoutSeconds,
    long referrerPoints,
    long refereePoints)
{
    public static final ProgramSettings DEFAULTS =
        new ProgramSettings(100, 500, EarnOn.PAID, 0, 365, 3000, 900, 300, 100);
}
