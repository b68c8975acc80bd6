package dev.loyalty.client;

import dev.loyalty.engine.sbe.CaptureAnswerDecoder;
import org.agrona.DirectBuffer;

/**
 * A capture ({@code CaptureAnswer}): {@code status} CAPTURED, points earned and redeemed, what it unlocked, the
 * balance after everything it credited.
 */
public final class CaptureView extends View
{
    private final CaptureAnswerDecoder decoder = new CaptureAnswerDecoder();
    private int txIdPosition;
    private final Group achievements = new Group(2);

    CaptureView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        txIdPosition = achievements.wrap(buffer, offset + blockLength, 2);
        return this;
    }

    /** Achievements the capture unlocked. */
    public int achievementCount()
    {
        return achievements.count();
    }

    public String achievementId(final int i)
    {
        return text(achievements.text(i));
    }

    public String achievementName(final int i)
    {
        return text(skipText(achievements.text(i)));
    }

    public long achievementUnlocks(final int i)
    {
        return i64(achievements.block(i) + CaptureAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    public long achievementPoints(final int i)
    {
        return i64(achievements.block(i) + CaptureAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
    }

    public String txId()
    {
        return textOrNull(txIdPosition);
    }

    public long pointsEarned()
    {
        return decoder.pointsEarned();
    }

    public long pointsRedeemed()
    {
        return decoder.pointsRedeemed();
    }

    /** False for an anonymous sale. */
    public boolean hasBalance()
    {
        return decoder.parts().balance();
    }

    public long balanceAvailable()
    {
        return decoder.balanceAvailable();
    }

    public long balancePending()
    {
        return decoder.balancePending();
    }

    public long balanceHeld()
    {
        return decoder.balanceHeld();
    }
}
