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
    private int achievementCount;
    private int[] achievementOffsets = new int[2];
    private int[] achievementIds = new int[2];

    CaptureView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = offset + blockLength;
        final int entryLength = u16(position);
        achievementCount = u16(position + 2);
        position += 4;
        achievementOffsets = ensure(achievementOffsets, achievementCount);
        achievementIds = ensure(achievementIds, achievementCount);
        for (int i = 0; i < achievementCount; i++)
        {
            achievementOffsets[i] = position;
            achievementIds[i] = position + entryLength;
            position = skipText(skipText(position + entryLength));
        }
        txIdPosition = position;
        return this;
    }

    /** Achievements the capture unlocked. */
    public int achievementCount()
    {
        return achievementCount;
    }

    public String achievementId(final int i)
    {
        return text(achievementIds[PurchaseView.check(i, achievementCount)]);
    }

    public String achievementName(final int i)
    {
        return text(skipText(achievementIds[PurchaseView.check(i, achievementCount)]));
    }

    public long achievementUnlocks(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            CaptureAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    public long achievementPoints(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            CaptureAnswerDecoder.AchievementsDecoder.pointsEncodingOffset());
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
