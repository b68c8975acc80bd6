package dev.loyalty.tools.load;

/**
 * Checks an answer against its request and sorts it: {@link Outcome#OK}; a business rejection the workload can
 * cause by itself (a member out of points, too many holds); back-pressure (429, 503); or a wrong answer, which
 * fails the run. What must hold, by request:
 * <ul>
 *   <li>authorize, one-shot, calculate: status 200; {@code txId} echoed (not for calculate); {@code status}
 *       AUTHORIZED, CAPTURED or CALCULATED; {@code total} is the sum of the lines sent and of the lines answered,
 *       one answered line per line sent; {@code pointsRedeemed} is what was asked; {@code payable = total -
 *       discount - pointsRedeemed * pointValueMinor}; a {@code memberId} for a member's sale; a one-shot has
 *       {@code pointsEarned}.</li>
 *   <li>capture: status 200, {@code status} CAPTURED, {@code txId} echoed, and it books exactly the points the
 *       authorize answered ({@code pointsRedeemed}, {@code pointsEarned} = the authorize's {@code pointsToEarn}).</li>
 *   <li>refund: status 200, {@code refundId} echoed, {@code status} REFUNDED when the whole cheque came back
 *       and PARTIALLY_REFUNDED otherwise, {@code amount} the refunded line's amount.</li>
 *   <li>lookup: status 200, a {@code memberId}, and the card asked for among its identifiers.</li>
 * </ul>
 */
final class Checks
{
    /** The error code given to an answer that could not be decoded. */
    static final String UNREADABLE = "UNREADABLE_ANSWER";

    /** How an answer was sorted. */
    enum Outcome
    {
        OK,
        REJECTED,
        BACK_PRESSURE,
        WRONG
    }

    private final long pointValueMinor;

    /** Checks against a program whose point pays {@code pointValueMinor} minor units. */
    Checks(final long pointValueMinor)
    {
        this.pointValueMinor = pointValueMinor;
    }

    /** The outcome of an answer whose {@link #problem} is {@code problem}. */
    Outcome sort(final Request request, final Answer answer, final String problem)
    {
        if (problem != null)
        {
            return Outcome.WRONG;
        }
        if (answer.ok())
        {
            return Outcome.OK;
        }
        return answer.status == 429 || answer.status == 503 ? Outcome.BACK_PRESSURE : Outcome.REJECTED;
    }

    /** Why the answer is wrong for its request, or null when it holds (a valid rejection holds too). */
    String problem(final Request r, final Answer a)
    {
        if (UNREADABLE.equals(a.errorCode))
        {
            return "unreadable answer: " + a.errorMessage;
        }
        if (!a.ok())
        {
            return rejection(r, a);
        }
        return switch (r.type)
        {
            case AUTHORIZE -> purchase(r, a, "AUTHORIZED", true);
            case ONE_SHOT -> purchase(r, a, "CAPTURED", true);
            case CALCULATE -> purchase(r, a, "CALCULATED", false);
            case CAPTURE -> capture(r, a);
            case REFUND -> refund(r, a);
            case LOOKUP -> lookup(r, a);
            case CREATE_MEMBER -> a.status == 201 && a.memberId != null ? null : "expected 201 with a memberId";
            case ADJUST -> a.memberId != null && a.memberId.equals(r.memberId) ? null : "memberId not echoed";
            case GET_PROGRAM -> a.pointValueMinor > 0 ? null : "no pointValueMinor";
        };
    }

    /** Error answers the workload may get by itself are valid; anything else is wrong. */
    private static String rejection(final Request r, final Answer a)
    {
        if (a.errorCode == null)
        {
            return "status " + a.status + " without an error code";
        }
        final boolean expected = switch (a.errorCode)
        {
            case "OVERLOADED", "RATE_LIMITED" -> a.status == 503 || a.status == 429;
            case "INSUFFICIENT_POINTS", "REDEEM_LIMIT_EXCEEDED", "TOO_MANY_HOLDS" -> a.status == 422 &&
                (r.type == RequestType.AUTHORIZE || r.type == RequestType.ONE_SHOT ||
                r.type == RequestType.CALCULATE);
            default -> false;
        };
        return expected ? null : "unexpected error for " + r.type.label() + ": " + a.status + " " + a.errorCode +
            " " + a.errorMessage;
    }

    private String purchase(final Request r, final Answer a, final String status, final boolean withTxId)
    {
        if (a.status != 200)
        {
            return "status " + a.status + ", expected 200";
        }
        if (withTxId && !r.txId.equals(a.txId))
        {
            return "txId " + a.txId + ", expected " + r.txId;
        }
        if (!status.equals(a.purchaseStatus))
        {
            return "status " + a.purchaseStatus + ", expected " + status;
        }
        final long total = r.total();
        if (a.total != total)
        {
            return "total " + a.total + ", expected the sum of the lines sent, " + total;
        }
        if (a.lineCount != r.lines.length || a.lineAmountSum != total)
        {
            return a.lineCount + " lines summing to " + a.lineAmountSum + ", expected " + r.lines.length +
                " summing to " + total;
        }
        if (a.pointsRedeemed != r.redeemPoints)
        {
            return "pointsRedeemed " + a.pointsRedeemed + ", expected " + r.redeemPoints;
        }
        if (a.discount == Answer.ABSENT || a.payable != total - a.discount - a.pointsRedeemed * pointValueMinor)
        {
            return "payable " + a.payable + ", expected total - discount - pointsRedeemed x " + pointValueMinor +
                " = " + total + " - " + a.discount + " - " + a.pointsRedeemed + " x " + pointValueMinor;
        }
        if (r.card != null && (a.memberId == null || a.memberId.isEmpty()))
        {
            return "no memberId for card " + r.card;
        }
        if (r.type == RequestType.ONE_SHOT && a.pointsEarned == Answer.ABSENT)
        {
            return "no pointsEarned in a one-shot answer";
        }
        return null;
    }

    private static String capture(final Request r, final Answer a)
    {
        if (!"CAPTURED".equals(a.purchaseStatus))
        {
            return "status " + a.purchaseStatus + ", expected CAPTURED";
        }
        if (!r.txId.equals(a.txId))
        {
            return "txId " + a.txId + ", expected " + r.txId;
        }
        if (a.pointsRedeemed != r.expectedPointsRedeemed || a.pointsEarned != r.expectedPointsEarned)
        {
            return "captured " + a.pointsRedeemed + " redeemed / " + a.pointsEarned + " earned, the authorize said " +
                r.expectedPointsRedeemed + " / " + r.expectedPointsEarned;
        }
        return null;
    }

    private static String refund(final Request r, final Answer a)
    {
        if (!r.refundId.equals(a.refundId) || !r.txId.equals(a.txId))
        {
            return "refundId/txId " + a.refundId + "/" + a.txId + ", expected " + r.refundId + "/" + r.txId;
        }
        final String status = r.refundsAll ? "REFUNDED" : "PARTIALLY_REFUNDED";
        if (!status.equals(a.purchaseStatus))
        {
            return "status " + a.purchaseStatus + ", expected " + status;
        }
        if (a.amount != r.refundAmount)
        {
            return "amount " + a.amount + ", expected " + r.refundAmount;
        }
        return null;
    }

    private static String lookup(final Request r, final Answer a)
    {
        if (a.memberId == null || a.memberId.isEmpty())
        {
            return "no memberId";
        }
        if (!a.cards.contains(r.card))
        {
            return "card " + r.card + " not among the member's cards " + a.cards;
        }
        return null;
    }
}
