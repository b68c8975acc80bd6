package dev.loyalty.tools.load;

import java.util.ArrayList;
import java.util.List;

/**
 * An answer, decoded by a {@link Transport} into the fields the checks read, protocol-neutral. A number the answer
 * did not carry is {@link #ABSENT}; a string it did not carry is null. {@link #status} is the HTTP status (the
 * binary protocol carries the same one in its error frames, and 200 or 201 otherwise).
 */
public final class Answer
{
    /** A number the answer did not carry. */
    public static final long ABSENT = Long.MIN_VALUE;

    public int status;
    /** The error's code and message when the answer is an error. */
    public String errorCode;
    public String errorMessage;
    public String txId;
    /** A purchase's or refund's {@code status}. */
    public String purchaseStatus;
    public String memberId;
    public String refundId;
    public long total = ABSENT;
    public long discount = ABSENT;
    public long pointsRedeemed = ABSENT;
    public long payable = ABSENT;
    public long pointsToEarn = ABSENT;
    public long pointsEarned = ABSENT;
    /** A refund's amount. */
    public long amount = ABSENT;
    /** A purchase's lines: how many and the sum of their amounts. */
    public int lineCount;
    public long lineAmountSum;
    /** A member's card numbers. */
    public final List<String> cards = new ArrayList<>(2);
    /** The program's terms ({@code GET /v1/program}). */
    public long pointValueMinor = ABSENT;
    public long maxRedeemShareBp = ABSENT;

    /** True for a 2xx answer. */
    public boolean ok()
    {
        return status >= 200 && status < 300;
    }

    public String toString()
    {
        return status + (errorCode != null ? " " + errorCode + " " + errorMessage : "") +
            (purchaseStatus != null ? " " + purchaseStatus : "");
    }
}
