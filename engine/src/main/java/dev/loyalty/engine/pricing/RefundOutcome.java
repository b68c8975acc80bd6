package dev.loyalty.engine.pricing;

import dev.loyalty.engine.reply.ErrorCode;

/**
 * What one refund does, computed on running totals so that refunding everything reverses exactly everything.
 * When {@link #error()} is not null the refund was rejected, nothing in it applies, and the arrays are null.
 *
 * @param refundedAmountPerLine  the new cumulative refunded amount (part of {@code amount}) of each line.
 * @param refundedQtyPerLine     the new cumulative refunded quantity of each line: tracked for zero-price lines,
 *                               and {@code qty - floor(amountLeft / unitPrice)} for priced lines.
 * @param amount                 this refund's part of the total (gross).
 * @param money                  this refund's money to give back: the change in refunded {@code paid}.
 * @param pointsReversed         earned points this refund takes back (change of the running figure).
 * @param pointsReturned         redeemed points this refund gives back (change of the running figure).
 * @param cumulativeAmount       total refunded so far, this refund included.
 * @param cumulativeReversed     earned points taken back so far.
 * @param cumulativeReturned     redeemed points given back so far.
 * @param fullyRefunded          true when every line is refunded in full.
 */
public record RefundOutcome(
    long[] refundedAmountPerLine,
    long[] refundedQtyPerLine,
    long amount,
    long money,
    long pointsReversed,
    long pointsReturned,
    long cumulativeAmount,
    long cumulativeReversed,
    long cumulativeReturned,
    boolean fullyRefunded,
    ErrorCode error,
    String errorMessage)
{
    /** The original shape, without quantities; {@link #refundedQtyPerLine()} is null. */
    public RefundOutcome(
        final long[] refundedAmountPerLine,
        final long amount,
        final long money,
        final long pointsReversed,
        final long pointsReturned,
        final long cumulativeAmount,
        final long cumulativeReversed,
        final long cumulativeReturned,
        final boolean fullyRefunded,
        final ErrorCode error,
        final String errorMessage)
    {
        this(
            refundedAmountPerLine,
            null,
            amount,
            money,
            pointsReversed,
            pointsReturned,
            cumulativeAmount,
            cumulativeReversed,
            cumulativeReturned,
            fullyRefunded,
            error,
            errorMessage);
    }

    public boolean ok()
    {
        return error == null;
    }
}
