package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.CaptureAnswerEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Renders {@code {"txId","status":"CAPTURED","pointsEarned","pointsRedeemed","achievements":[…],"balance"}} as a
 * {@code CaptureAnswer}.
 */
final class CaptureAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int BALANCE = 2;
    private static final int ACHIEVEMENTS = 3;
    private static final int ACHIEVEMENT = 4;
    private static final int DONE = 5;
    private static final String[] WHERE = {
        "(before)", "the answer", "balance", "achievements", "an achievement", "(after)"};

    private final CaptureAnswerEncoder encoder = new CaptureAnswerEncoder();
    private CaptureAnswerEncoder.AchievementsEncoder achievements;
    private int state;
    private boolean achievementsOpened;
    private int entryTexts;
    private String txId;

    int templateId()
    {
        return CaptureAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return CaptureAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset).pointsEarned(0).pointsRedeemed(0)
            .balanceAvailable(0).balancePending(0).balanceHeld(0);
        encoder.parts().clear();
        state = BEFORE;
        achievementsOpened = false;
        txId = null;
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

    public void startArray(final String name)
    {
        if (state != ROOT || !"achievements".equals(name) || achievementsOpened)
        {
            super.startArray(name);
        }
        achievements = encoder.achievementsCount(OPEN_GROUP_COUNT);
        achievementsOpened = true;
        state = ACHIEVEMENTS;
    }

    public void endArray()
    {
        if (state != ACHIEVEMENTS)
        {
            super.endArray();
        }
        achievements.resetCountToIndex();
        state = ROOT;
    }

    public void startObject(final String name)
    {
        if (state != ROOT || !"balance".equals(name))
        {
            super.startObject(name);
        }
        encoder.parts().balance(true);
        state = BALANCE;
    }

    public void endObject()
    {
        if (state == BALANCE)
        {
            state = ROOT;
        }
        else if (state == ACHIEVEMENT && entryTexts == 2)
        {
            state = ACHIEVEMENTS;
        }
        else if (state == ROOT)
        {
            if (!achievementsOpened)
            {
                encoder.achievementsCount(0);
            }
            encoder.limit(putText(encoder.limit(), txId));
            state = DONE;
        }
        else
        {
            super.endObject();
        }
    }

    public void field(final String name, final long value)
    {
        if (state == ROOT)
        {
            switch (name)
            {
                case "pointsEarned" -> encoder.pointsEarned(value);
                case "pointsRedeemed" -> encoder.pointsRedeemed(value);
                default -> super.field(name, value);
            }
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
        else if (state == ACHIEVEMENT && "unlocks".equals(name))
        {
            achievements.unlocks(value);
        }
        else if (state == ACHIEVEMENT && "points".equals(name))
        {
            achievements.points(value);
        }
        else
        {
            super.field(name, value);
        }
    }

    public void field(final String name, final String value)
    {
        if (state == ROOT && "txId".equals(name))
        {
            txId = value;
        }
        else if (state == ACHIEVEMENT && "achievementId".equals(name))
        {
            encoder.limit(putEntryText(encoder.limit(), 0, entryTexts++, name, value));
        }
        else if (state == ACHIEVEMENT && "name".equals(name))
        {
            encoder.limit(putEntryText(encoder.limit(), 1, entryTexts++, name, value));
        }
        else if (state != ROOT || !"status".equals(name) || !"CAPTURED".equals(value))
        {
            super.field(name, value);
        }
    }
}
