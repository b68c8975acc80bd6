package dev.loyalty.client;

import dev.loyalty.engine.sbe.Channel;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.MemberAnswerDecoder;
import org.agrona.DirectBuffer;

/**
 * A member's profile ({@code MemberAnswer}): identifiers, tier and its history, attributes, balance, purchase
 * statistics in total and by channel, unlocked achievements.
 */
public final class MemberView extends View
{
    private final MemberAnswerDecoder decoder = new MemberAnswerDecoder();
    private int identifierCount;
    private int[] identifierOffsets = new int[4];
    private int[] identifierValues = new int[4];
    private int tierChangeCount;
    private int[] tierChangeOffsets = new int[4];
    private int[] tierChangeTiers = new int[4];
    private int attributeCount;
    private int[] attributeKeys = new int[4];
    private int channelCount;
    private int[] channelOffsets = new int[4];
    private int achievementCount;
    private int[] achievementOffsets = new int[2];
    private int[] achievementIds = new int[2];
    private int memberIdPosition;
    private int partnerIdPosition;
    private int birthdayPosition;
    private int tierPosition;
    private int referralCodePosition;
    private int referrerIdPosition;

    MemberView wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);
        int position = offset + blockLength;

        int entryLength = u16(position);
        identifierCount = u16(position + 2);
        position += 4;
        identifierOffsets = ensure(identifierOffsets, identifierCount);
        identifierValues = ensure(identifierValues, identifierCount);
        for (int i = 0; i < identifierCount; i++)
        {
            identifierOffsets[i] = position;
            identifierValues[i] = position + entryLength;
            position = skipText(position + entryLength);
        }

        entryLength = u16(position);
        tierChangeCount = u16(position + 2);
        position += 4;
        tierChangeOffsets = ensure(tierChangeOffsets, tierChangeCount);
        tierChangeTiers = ensure(tierChangeTiers, tierChangeCount);
        for (int i = 0; i < tierChangeCount; i++)
        {
            tierChangeOffsets[i] = position;
            tierChangeTiers[i] = position + entryLength;
            position = skipText(position + entryLength);
        }

        entryLength = u16(position);
        attributeCount = u16(position + 2);
        position += 4;
        attributeKeys = ensure(attributeKeys, attributeCount);
        for (int i = 0; i < attributeCount; i++)
        {
            attributeKeys[i] = position + entryLength;
            position = skipText(skipText(position + entryLength));
        }

        entryLength = u16(position);
        channelCount = u16(position + 2);
        position += 4;
        channelOffsets = ensure(channelOffsets, channelCount);
        for (int i = 0; i < channelCount; i++)
        {
            channelOffsets[i] = position;
            position += entryLength;
        }

        entryLength = u16(position);
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

        memberIdPosition = position;
        partnerIdPosition = skipText(memberIdPosition);
        birthdayPosition = skipText(partnerIdPosition);
        tierPosition = skipText(birthdayPosition);
        referralCodePosition = skipText(tierPosition);
        referrerIdPosition = skipText(referralCodePosition);
        return this;
    }

    public String memberId()
    {
        return textOrNull(memberIdPosition);
    }

    /** The partner the member signed up with; null when none. */
    public String partnerId()
    {
        return textOrNull(partnerIdPosition);
    }

    /** yyyy-MM-dd, or null. */
    public String birthday()
    {
        return textOrNull(birthdayPosition);
    }

    public String tier()
    {
        return textOrNull(tierPosition);
    }

    public String referralCode()
    {
        return textOrNull(referralCodePosition);
    }

    /** The member whose referral code this one signed up with, or null. */
    public String referrerId()
    {
        return textOrNull(referrerIdPosition);
    }

    public int identifierCount()
    {
        return identifierCount;
    }

    public IdentifierType identifierType(final int i)
    {
        return IdentifierType.get((short)(buffer.getByte(identifierOffsets[PurchaseView.check(i, identifierCount)] +
            MemberAnswerDecoder.IdentifiersDecoder.identifierTypeEncodingOffset()) & 0xFF));
    }

    public String identifierValue(final int i)
    {
        return text(identifierValues[PurchaseView.check(i, identifierCount)]);
    }

    /** The member's tier changes, oldest first. */
    public int tierChangeCount()
    {
        return tierChangeCount;
    }

    public String tierChangeTier(final int i)
    {
        return text(tierChangeTiers[PurchaseView.check(i, tierChangeCount)]);
    }

    /** When the change happened, epoch ms (whole seconds). */
    public long tierChangeAtMillis(final int i)
    {
        return i64(tierChangeOffsets[PurchaseView.check(i, tierChangeCount)] +
            MemberAnswerDecoder.TierHistoryDecoder.atEncodingOffset());
    }

    public int attributeCount()
    {
        return attributeCount;
    }

    public String attributeKey(final int i)
    {
        return text(attributeKeys[PurchaseView.check(i, attributeCount)]);
    }

    public String attributeValue(final int i)
    {
        return text(skipText(attributeKeys[PurchaseView.check(i, attributeCount)]));
    }

    /** The member's unlocked achievements, in definition order. */
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
            MemberAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    /** False while never unlocked (not in the profile then). */
    public boolean hasAchievementUnlockedAt(final int i)
    {
        return (achievementParts(i) & 1) != 0;
    }

    /** The first unlock, epoch ms (whole seconds). */
    public long achievementUnlockedAtMillis(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            MemberAnswerDecoder.AchievementsDecoder.unlockedAtEncodingOffset());
    }

    public boolean hasAchievementLastUnlockedAt(final int i)
    {
        return (achievementParts(i) & 2) != 0;
    }

    /** The latest unlock, epoch ms (whole seconds). */
    public long achievementLastUnlockedAtMillis(final int i)
    {
        return i64(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            MemberAnswerDecoder.AchievementsDecoder.lastUnlockedAtEncodingOffset());
    }

    private int achievementParts(final int i)
    {
        return buffer.getByte(achievementOffsets[PurchaseView.check(i, achievementCount)] +
            MemberAnswerDecoder.AchievementsDecoder.partsEncodingOffset()) & 0xFF;
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

    public long purchases()
    {
        return decoder.purchases();
    }

    public long spentMinor()
    {
        return decoder.spentMinor();
    }

    public long pointsEarned()
    {
        return decoder.pointsEarned();
    }

    public long pointsRedeemed()
    {
        return decoder.pointsRedeemed();
    }

    /** False before the first purchase. */
    public boolean hasFirstPurchaseAt()
    {
        return decoder.parts().firstPurchaseAt();
    }

    /** Epoch ms (whole seconds). */
    public long firstPurchaseAtMillis()
    {
        return decoder.firstPurchaseAt();
    }

    public boolean hasLastPurchaseAt()
    {
        return decoder.parts().lastPurchaseAt();
    }

    public long lastPurchaseAtMillis()
    {
        return decoder.lastPurchaseAt();
    }

    /** Channels with purchases, in the order of {@link Channel}. */
    public int channelCount()
    {
        return channelCount;
    }

    public Channel channel(final int i)
    {
        return Channel.get((short)(buffer.getByte(channelOffsets[PurchaseView.check(i, channelCount)] +
            MemberAnswerDecoder.ByChannelDecoder.channelEncodingOffset()) & 0xFF));
    }

    public long channelPurchases(final int i)
    {
        return i64(channelOffsets[PurchaseView.check(i, channelCount)] +
            MemberAnswerDecoder.ByChannelDecoder.purchasesEncodingOffset());
    }

    public long channelSpentMinor(final int i)
    {
        return i64(channelOffsets[PurchaseView.check(i, channelCount)] +
            MemberAnswerDecoder.ByChannelDecoder.spentMinorEncodingOffset());
    }

    public long channelPointsEarned(final int i)
    {
        return i64(channelOffsets[PurchaseView.check(i, channelCount)] +
            MemberAnswerDecoder.ByChannelDecoder.pointsEarnedEncodingOffset());
    }

    public long channelPointsRedeemed(final int i)
    {
        return i64(channelOffsets[PurchaseView.check(i, channelCount)] +
            MemberAnswerDecoder.ByChannelDecoder.pointsRedeemedEncodingOffset());
    }
}
