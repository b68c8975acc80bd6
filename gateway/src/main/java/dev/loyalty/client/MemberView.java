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
    private final Group identifiers = new Group(4);
    private final Group tierHistory = new Group(4);
    private final Group attributes = new Group(4);
    private final Group byChannel = new Group(4);
    private final Group achievements = new Group(2);
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
        int position = identifiers.wrap(buffer, offset + blockLength, 1);
        position = tierHistory.wrap(buffer, position, 1);
        position = attributes.wrap(buffer, position, 2);
        position = byChannel.wrap(buffer, position, 0);
        memberIdPosition = achievements.wrap(buffer, position, 2);
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
        return identifiers.count();
    }

    public IdentifierType identifierType(final int i)
    {
        return IdentifierType.get((short)(buffer.getByte(identifiers.block(i) +
            MemberAnswerDecoder.IdentifiersDecoder.identifierTypeEncodingOffset()) & 0xFF));
    }

    public String identifierValue(final int i)
    {
        return text(identifiers.text(i));
    }

    /** The member's tier changes, oldest first. */
    public int tierChangeCount()
    {
        return tierHistory.count();
    }

    public String tierChangeTier(final int i)
    {
        return text(tierHistory.text(i));
    }

    /** When the change happened, epoch ms (whole seconds). */
    public long tierChangeAtMillis(final int i)
    {
        return i64(tierHistory.block(i) + MemberAnswerDecoder.TierHistoryDecoder.atEncodingOffset());
    }

    public int attributeCount()
    {
        return attributes.count();
    }

    public String attributeKey(final int i)
    {
        return text(attributes.text(i));
    }

    public String attributeValue(final int i)
    {
        return text(skipText(attributes.text(i)));
    }

    /** The member's unlocked achievements, in definition order. */
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
        return i64(achievements.block(i) + MemberAnswerDecoder.AchievementsDecoder.unlocksEncodingOffset());
    }

    /** False while never unlocked (not in the profile then). */
    public boolean hasAchievementUnlockedAt(final int i)
    {
        return (achievementParts(i) & 1) != 0;
    }

    /** The first unlock, epoch ms (whole seconds). */
    public long achievementUnlockedAtMillis(final int i)
    {
        return i64(achievements.block(i) + MemberAnswerDecoder.AchievementsDecoder.unlockedAtEncodingOffset());
    }

    public boolean hasAchievementLastUnlockedAt(final int i)
    {
        return (achievementParts(i) & 2) != 0;
    }

    /** The latest unlock, epoch ms (whole seconds). */
    public long achievementLastUnlockedAtMillis(final int i)
    {
        return i64(achievements.block(i) + MemberAnswerDecoder.AchievementsDecoder.lastUnlockedAtEncodingOffset());
    }

    private int achievementParts(final int i)
    {
        return buffer.getByte(achievements.block(i) +
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
        return byChannel.count();
    }

    public Channel channel(final int i)
    {
        return Channel.get((short)(buffer.getByte(byChannel.block(i) +
            MemberAnswerDecoder.ByChannelDecoder.channelEncodingOffset()) & 0xFF));
    }

    public long channelPurchases(final int i)
    {
        return i64(byChannel.block(i) + MemberAnswerDecoder.ByChannelDecoder.purchasesEncodingOffset());
    }

    public long channelSpentMinor(final int i)
    {
        return i64(byChannel.block(i) + MemberAnswerDecoder.ByChannelDecoder.spentMinorEncodingOffset());
    }

    public long channelPointsEarned(final int i)
    {
        return i64(byChannel.block(i) + MemberAnswerDecoder.ByChannelDecoder.pointsEarnedEncodingOffset());
    }

    public long channelPointsRedeemed(final int i)
    {
        return i64(byChannel.block(i) + MemberAnswerDecoder.ByChannelDecoder.pointsRedeemedEncodingOffset());
    }
}
