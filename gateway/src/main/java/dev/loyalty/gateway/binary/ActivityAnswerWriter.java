package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.ActivityAnswerEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Renders {@code {"requestId","memberId","type","pointsEarned","promotions":[…],"achievements":[…],
 * "balance":{…}}} as an {@code ActivityAnswer}.
 */
final class ActivityAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int PROMOTIONS = 2;
    private static final int PROMOTION = 3;
    private static final int ACHIEVEMENTS = 4;
    private static final int BALANCE = 5;
    private static final int ACHIEVEMENT = 6;
    private static final int DONE = 7;
    private static final String[] WHERE = {
        "(before)", "the answer", "promotions", "a promotion", "achievements", "balance", "an achievement",
        "(after)"};

    private final ActivityAnswerEncoder encoder = new ActivityAnswerEncoder();
    private ActivityAnswerEncoder.PromotionsEncoder promotions;
    private ActivityAnswerEncoder.AchievementsEncoder achievements;
    private int state;
    private boolean promotionsOpened;
    private boolean achievementsOpened;
    private int entryTexts;
    private String requestId;
    private String memberId;
    private String activityType;

    int templateId()
    {
        return ActivityAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return ActivityAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset).pointsEarned(0).balanceAvailable(0).balancePending(0).balanceHeld(0);
        state = BEFORE;
        promotionsOpened = false;
        achievementsOpened = false;
        requestId = null;
        memberId = null;
        activityType = null;
        reply.writeTo(this);
        if (state != DONE)
        {
            throw unexpected("end of the reply", where());
        }
        this.buffer = null;
        return encoder.encodedLength();
    }

    public void startObject()
    {
        if (state == BEFORE)
        {
            state = ROOT;
        }
        else if (state == PROMOTIONS)
        {
            promotions.next();
            state = PROMOTION;
        }
        else if (state == ACHIEVEMENTS)
        {
            achievements.next();
            entryTexts = 0;
            state = ACHIEVEMENT;
        }
        else
        {
            super.startObject();
        }
    }

    public void startObject(final String name)
    {
        if (state != ROOT || !"balance".equals(name))
        {
            super.startObject(name);
        }
        state = BALANCE;
    }

    public void endObject()
    {
        switch (state)
        {
            case PROMOTION -> state = PROMOTIONS;
            case ACHIEVEMENT ->
            {
                if (entryTexts != 2)
                {
                    throw unexpected("achievement without its id and name", where());
                }
                state = ACHIEVEMENTS;
            }
            case BALANCE -> state = ROOT;
            case ROOT ->
            {
                if (!promotionsOpened)
                {
                    encoder.promotionsCount(0);
                }
                if (!achievementsOpened)
                {
                    encoder.achievementsCount(0);
                }
                int limit = putText(encoder.limit(), requestId);
                limit = putText(limit, memberId);
                limit = putText(limit, activityType);
                encoder.limit(limit);
                state = DONE;
            }
            default -> super.endObject();
        }
    }

    public void startArray(final String name)
    {
        if (state == ROOT && "promotions".equals(name) && !promotionsOpened)
        {
            promotions = encoder.promotionsCount(OPEN_GROUP_COUNT);
            promotionsOpened = true;
            state = PROMOTIONS;
        }
        else if (state == ROOT && "achievements".equals(name) && !achievementsOpened)
        {
            if (!promotionsOpened)
            {
                encoder.promotionsCount(0);
                promotionsOpened = true;
            }
            achievements = encoder.achievementsCount(OPEN_GROUP_COUNT);
            achievementsOpened = true;
            state = ACHIEVEMENTS;
        }
        else
        {
            super.startArray(name);
        }
    }

    public void endArray()
    {
        if (state == PROMOTIONS)
        {
            promotions.resetCountToIndex();
            state = ROOT;
        }
        else if (state == ACHIEVEMENTS)
        {
            achievements.resetCountToIndex();
            state = ROOT;
        }
        else
        {
            super.endArray();
        }
    }

    public void field(final String name, final long value)
    {
        if (state == ROOT && "pointsEarned".equals(name))
        {
            encoder.pointsEarned(value);
        }
        else if (state == PROMOTION && "points".equals(name))
        {
            promotions.points(value);
        }
        else if (state == PROMOTION && "discount".equals(name))
        {
            promotions.discount(value);
        }
        else if (state == ACHIEVEMENT && "unlocks".equals(name))
        {
            achievements.unlocks(value);
        }
        else if (state == ACHIEVEMENT && "points".equals(name))
        {
            achievements.points(value);
        }
        else if (state == BALANCE)
        {
            switch (name)
            {
                case "available" -> encoder.balanceAvailable(value);
                case "pending" -> encoder.balancePending(value);
                case "held" -> encoder.balanceHeld(value);
                default -> super.field(name, value);
            }
        }
        else
        {
            super.field(name, value);
        }
    }

    public void field(final String name, final String value)
    {
        if (state == PROMOTION && "promotionId".equals(name))
        {
            encoder.limit(putText(encoder.limit(), value));
            return;
        }
        if (state == ACHIEVEMENT && ("achievementId".equals(name) || "name".equals(name)))
        {
            encoder.limit(putEntryText(encoder.limit(), "name".equals(name) ? 1 : 0, entryTexts++, name, value));
            return;
        }
        if (state != ROOT)
        {
            super.field(name, value);
            return;
        }
        switch (name)
        {
            case "requestId" -> requestId = value;
            case "memberId" -> memberId = value;
            case "type" -> activityType = value;
            default -> super.field(name, value);
        }
    }
}
