package dev.loyalty.tools.load;

/**
 * The program terms the load generator needs, read from {@code GET /v1/program} at the start: what one point pays
 * (for {@code payable = total - discount - pointsRedeemed x pointValueMinor}) and the share of a cheque points may
 * pay (so that redemptions stay within the cap).
 */
record ProgramTerms(long pointValueMinor, long maxRedeemShareBp)
{
}
