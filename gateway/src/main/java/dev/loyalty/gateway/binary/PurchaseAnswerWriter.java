package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.PurchaseAnswerEncoder;
import dev.loyalty.engine.sbe.WireCouponStatus;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import org.agrona.MutableDirectBuffer;

/**
 * Renders the authorize shape (authorize, one-shot, calculate, purchase lookup) as a {@code PurchaseAnswer}:
 * {@code {"txId","status","memberId","storeId","total",…,"lines":[…],"promotions":[…],"coupons":[…],
 * "balance":{…},"holdExpiresAt","pointsEarned","refunded":{…}}}.
 */
final class PurchaseAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int BALANCE = 2;
    private static final int REFUNDED = 3;
    private static final int LINES = 4;
    private static final int LINE = 5;
    private static final int PROMOTIONS = 6;
    private static final int PROMOTION = 7;
    private static final int COUPONS = 8;
    private static final int COUPON = 9;
    private static final int ACHIEVEMENTS = 10;
    private static final int ACHIEVEMENT = 11;
    private static final int DONE = 12;
    private static final int GROUPS = 4;
    private static final String[] WHERE = {
        "(before)", "the answer", "balance", "refunded", "lines", "a line", "promotions", "a promotion", "coupons",
        "a coupon", "achievements", "an achievement", "(after)"};

    private final PurchaseAnswerEncoder encoder = new PurchaseAnswerEncoder();
    private PurchaseAnswerEncoder.LinesEncoder lines;
    private PurchaseAnswerEncoder.PromotionsEncoder promotions;
    private PurchaseAnswerEncoder.CouponsEncoder coupons;
    private PurchaseAnswerEncoder.AchievementsEncoder achievements;
    private int state;
    private int groups;
    private boolean statusSet;
    private boolean couponStatusSet;
    private int entryTexts;
    private String txId;
    private String memberId;
    private String storeId;

    int templateId()
    {
        return PurchaseAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return PurchaseAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset)
            .total(0).discount(0).pointsRedeemed(0).payable(0).pointsToEarn(0).maxRedeemable(0)
            .balanceAvailable(0).balancePending(0).balanceHeld(0).holdExpiresAt(0).pointsEarned(0)
            .refundedAmount(0).refundedPointsReversed(0).refundedPointsReturned(0);
        encoder.parts().clear();
        state = BEFORE;
        groups = 0;
        statusSet = false;
        txId = null;
        memberId = null;
        storeId = null;
        reply.writeTo(this);
        if (state != DONE || !statusSet)
        {
            throw unexpected("end of the reply", where());
        }
        this.buffer = null;
        return encoder.encodedLength();
    }

    public void startObject()
    {
        switch (state)
        {
            case BEFORE -> state = ROOT;
            case LINES ->
            {
                lines.next();
                state = LINE;
            }
            case PROMOTIONS ->
            {
                promotions.next();
                state = PROMOTION;
            }
            case COUPONS ->
            {
                coupons.next();
                couponStatusSet = false;
                state = COUPON;
            }
            case ACHIEVEMENTS ->
            {
                achievements.next();
                entryTexts = 0;
                state = ACHIEVEMENT;
            }
            default -> super.startObject();
        }
    }

    public void startObject(final String name)
    {
        if (state == ROOT && "balance".equals(name))
        {
            encoder.parts().balance(true);
            state = BALANCE;
        }
        else if (state == ROOT && "refunded".equals(name))
        {
            encoder.parts().refunded(true);
            state = REFUNDED;
        }
        else
        {
            super.startObject(name);
        }
    }

    public void endObject()
    {
        switch (state)
        {
            case BALANCE, REFUNDED -> state = ROOT;
            case LINE -> state = LINES;
            case PROMOTION -> state = PROMOTIONS;
            case COUPON ->
            {
                if (!couponStatusSet)
                {
                    throw unexpected("coupon without a status", where());
                }
                state = COUPONS;
            }
            case ACHIEVEMENT ->
            {
                if (entryTexts != 2)
                {
                    throw unexpected("achievement without its id and name", where());
                }
                state = ACHIEVEMENTS;
            }
            case ROOT ->
            {
                if (groups < GROUPS)
                {
                    openGroup(GROUPS);
                }
                achievements.resetCountToIndex();
                int limit = putText(encoder.limit(), txId);
                limit = putText(limit, memberId);
                limit = putText(limit, storeId);
                encoder.limit(limit);
                state = DONE;
            }
            default -> super.endObject();
        }
    }

    public void startArray(final String name)
    {
        if (state != ROOT)
        {
            super.startArray(name);
            return;
        }
        switch (name)
        {
            case "lines" ->
            {
                openGroup(1);
                state = LINES;
            }
            case "promotions" ->
            {
                openGroup(2);
                state = PROMOTIONS;
            }
            case "coupons" ->
            {
                openGroup(3);
                state = COUPONS;
            }
            case "achievements" ->
            {
                openGroup(4);
                encoder.parts().achievements(true);
                state = ACHIEVEMENTS;
            }
            default -> super.startArray(name);
        }
    }

    public void endArray()
    {
        switch (state)
        {
            case LINES -> lines.resetCountToIndex();
            case PROMOTIONS -> promotions.resetCountToIndex();
            case COUPONS -> coupons.resetCountToIndex();
            case ACHIEVEMENTS -> achievements.resetCountToIndex();
            default ->
            {
                super.endArray();
                return;
            }
        }
        state = ROOT;
    }

    /**
     * Opens group {@code index} (1 lines, 2 promotions, 3 coupons, 4 achievements), closing the one open and
     * writing the ones between empty.
     */
    private void openGroup(final int index)
    {
        if (groups >= index)
        {
            throw unexpected("array out of the wire's order", where());
        }
        while (groups < index)
        {
            groups++;
            switch (groups)
            {
                case 1 -> lines = encoder.linesCount(OPEN_GROUP_COUNT);
                case 2 ->
                {
                    lines.resetCountToIndex();
                    promotions = encoder.promotionsCount(OPEN_GROUP_COUNT);
                }
                case 3 ->
                {
                    promotions.resetCountToIndex();
                    coupons = encoder.couponsCount(OPEN_GROUP_COUNT);
                }
                default ->
                {
                    coupons.resetCountToIndex();
                    achievements = encoder.achievementsCount(OPEN_GROUP_COUNT);
                }
            }
        }
    }

    public void field(final String name, final long value)
    {
        switch (state)
        {
            case ROOT -> root(name, value);
            case BALANCE ->
            {
                switch (name)
                {
                    case "available" -> encoder.balanceAvailable(value);
                    case "pending" -> encoder.balancePending(value);
                    case "held" -> encoder.balanceHeld(value);
                    default -> super.field(name, value);
                }
            }
            case REFUNDED ->
            {
                switch (name)
                {
                    case "amount" -> encoder.refundedAmount(value);
                    case "pointsReversed" -> encoder.refundedPointsReversed(value);
                    case "pointsReturned" -> encoder.refundedPointsReturned(value);
                    default -> super.field(name, value);
                }
            }
            case LINE ->
            {
                switch (name)
                {
                    case "amount" -> lines.amount(value);
                    case "discount" -> lines.discount(value);
                    case "pointsPaid" -> lines.pointsPaid(value);
                    case "paid" -> lines.paid(value);
                    default -> super.field(name, value);
                }
            }
            case PROMOTION ->
            {
                switch (name)
                {
                    case "points" -> promotions.points(value);
                    case "discount" -> promotions.discount(value);
                    default -> super.field(name, value);
                }
            }
            case ACHIEVEMENT ->
            {
                switch (name)
                {
                    case "unlocks" -> achievements.unlocks(value);
                    case "points" -> achievements.points(value);
                    default -> super.field(name, value);
                }
            }
            default -> super.field(name, value);
        }
    }

    private void root(final String name, final long value)
    {
        switch (name)
        {
            case "total" -> encoder.total(value);
            case "discount" -> encoder.discount(value);
            case "pointsRedeemed" -> encoder.pointsRedeemed(value);
            case "payable" -> encoder.payable(value);
            case "pointsToEarn" -> encoder.pointsToEarn(value);
            case "maxRedeemable" -> encoder.maxRedeemable(value);
            case "pointsEarned" ->
            {
                encoder.pointsEarned(value);
                encoder.parts().pointsEarned(true);
            }
            default -> super.field(name, value);
        }
    }

    public void field(final String name, final String value)
    {
        switch (state)
        {
            case ROOT ->
            {
                switch (name)
                {
                    case "txId" -> txId = value;
                    case "memberId" -> memberId = value;
                    case "storeId" -> storeId = value;
                    case "status" ->
                    {
                        encoder.status(WirePurchaseStatus.valueOf(value));
                        statusSet = true;
                    }
                    case "holdExpiresAt" ->
                    {
                        encoder.holdExpiresAt(InstantText.epochMillis(value));
                        encoder.parts().holdExpiresAt(true);
                    }
                    default -> super.field(name, value);
                }
            }
            case LINE ->
            {
                if ("sku".equals(name))
                {
                    encoder.limit(putText(encoder.limit(), value));
                }
                else
                {
                    super.field(name, value);
                }
            }
            case PROMOTION ->
            {
                if ("promotionId".equals(name))
                {
                    encoder.limit(putText(encoder.limit(), value));
                }
                else
                {
                    super.field(name, value);
                }
            }
            case COUPON -> coupon(name, value);
            case ACHIEVEMENT ->
            {
                switch (name)
                {
                    case "achievementId" -> encoder.limit(putEntryText(encoder.limit(), 0, entryTexts++, name, value));
                    case "name" -> encoder.limit(putEntryText(encoder.limit(), 1, entryTexts++, name, value));
                    default -> super.field(name, value);
                }
            }
            default -> super.field(name, value);
        }
    }

    private void coupon(final String name, final String value)
    {
        switch (name)
        {
            case "code" -> encoder.limit(putText(encoder.limit(), value));
            case "status" ->
            {
                if ("APPLIED".equals(value))
                {
                    coupons.status(WireCouponStatus.APPLIED);
                    couponStatusSet = true;
                }
                else if (!"REJECTED".equals(value))
                {
                    super.field(name, value);
                }
            }
            case "reason" ->
            {
                coupons.status(WireCouponStatus.valueOf(value));
                couponStatusSet = true;
            }
            default -> super.field(name, value);
        }
    }
}
