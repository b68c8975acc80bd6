package dev.loyalty.gateway.binary;

import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.sbe.Channel;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.sbe.MemberAnswerEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Renders a member's profile, {@code {"memberId","partnerId","identifiers":[…],"birthday","tier",
 * "tierHistory":[…],"attributes":{…},"referralCode","referrerId","balance":{…},"stats":{…,"byChannel":{…}},
 * "achievements":[…]}}, as a {@code MemberAnswer}.
 */
final class MemberAnswerWriter extends AnswerWriter
{
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int IDENTIFIERS = 2;
    private static final int IDENTIFIER = 3;
    private static final int ATTRIBUTES = 4;
    private static final int BALANCE = 5;
    private static final int STATS = 6;
    private static final int BY_CHANNEL = 7;
    private static final int CHANNEL = 8;
    private static final int ACHIEVEMENTS = 9;
    private static final int DONE = 10;
    private static final int TIER_HISTORY = 11;
    private static final int TIER_CHANGE = 12;
    private static final int ACHIEVEMENT = 13;
    private static final int GROUPS = 5;
    private static final String[] WHERE = {
        "(before)", "the answer", "identifiers", "an identifier", "attributes", "balance", "stats", "byChannel",
        "a channel", "achievements", "(after)", "tierHistory", "a tier change", "an achievement"};

    private final MemberAnswerEncoder encoder = new MemberAnswerEncoder();
    private MemberAnswerEncoder.IdentifiersEncoder identifiers;
    private MemberAnswerEncoder.TierHistoryEncoder tierHistory;
    private MemberAnswerEncoder.AttributesEncoder attributes;
    private MemberAnswerEncoder.ByChannelEncoder byChannel;
    private MemberAnswerEncoder.AchievementsEncoder achievements;
    private int state;
    private int groups;
    private int entryTexts;
    private String memberId;
    private String partnerId;
    private String birthday;
    private String tier;
    private String referralCode;
    private String referrerId;

    int templateId()
    {
        return MemberAnswerEncoder.TEMPLATE_ID;
    }

    int blockLength()
    {
        return MemberAnswerEncoder.BLOCK_LENGTH;
    }

    String where()
    {
        return WHERE[state];
    }

    int write(final Reply reply, final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        encoder.wrap(buffer, offset).balanceAvailable(0).balancePending(0).balanceHeld(0)
            .purchases(0).spentMinor(0).pointsEarned(0).pointsRedeemed(0).firstPurchaseAt(0).lastPurchaseAt(0);
        encoder.parts().clear();
        state = BEFORE;
        groups = 0;
        memberId = null;
        partnerId = null;
        birthday = null;
        tier = null;
        referralCode = null;
        referrerId = null;
        reply.writeTo(this);
        if (state != DONE)
        {
            throw unexpected("end of the reply", where());
        }
        this.buffer = null;
        return encoder.encodedLength();
    }

    /**
     * Opens group {@code index} (1 identifiers, 2 tierHistory, 3 attributes, 4 byChannel, 5 achievements), closing
     * the one open and writing the ones between empty.
     */
    private void openGroup(final int index)
    {
        if (groups >= index)
        {
            throw unexpected("group out of the wire's order", where());
        }
        while (groups < index)
        {
            groups++;
            switch (groups)
            {
                case 1 -> identifiers = encoder.identifiersCount(OPEN_GROUP_COUNT);
                case 2 ->
                {
                    identifiers.resetCountToIndex();
                    tierHistory = encoder.tierHistoryCount(OPEN_GROUP_COUNT);
                }
                case 3 ->
                {
                    tierHistory.resetCountToIndex();
                    attributes = encoder.attributesCount(OPEN_GROUP_COUNT);
                }
                case 4 ->
                {
                    attributes.resetCountToIndex();
                    byChannel = encoder.byChannelCount(OPEN_GROUP_COUNT);
                }
                default ->
                {
                    byChannel.resetCountToIndex();
                    achievements = encoder.achievementsCount(OPEN_GROUP_COUNT);
                }
            }
        }
    }

    public void startObject()
    {
        if (state == BEFORE)
        {
            state = ROOT;
        }
        else if (state == IDENTIFIERS)
        {
            identifiers.next();
            state = IDENTIFIER;
        }
        else if (state == TIER_HISTORY)
        {
            tierHistory.next();
            state = TIER_CHANGE;
        }
        else if (state == ACHIEVEMENTS)
        {
            achievements.next().unlocks(0).unlockedAt(0).lastUnlockedAt(0).parts().clear();
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
        if (state == ROOT)
        {
            switch (name)
            {
                case "attributes" ->
                {
                    openGroup(3);
                    state = ATTRIBUTES;
                }
                case "balance" -> state = BALANCE;
                case "stats" -> state = STATS;
                default -> super.startObject(name);
            }
        }
        else if (state == STATS && "byChannel".equals(name))
        {
            openGroup(4);
            state = BY_CHANNEL;
        }
        else if (state == BY_CHANNEL)
        {
            byChannel.next().channel(Channel.valueOf(name));
            state = CHANNEL;
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
            case IDENTIFIER -> state = IDENTIFIERS;
            case TIER_CHANGE -> state = TIER_HISTORY;
            case ACHIEVEMENT ->
            {
                if (entryTexts != 2)
                {
                    throw unexpected("achievement without its id and name", where());
                }
                state = ACHIEVEMENTS;
            }
            case ATTRIBUTES ->
            {
                attributes.resetCountToIndex();
                state = ROOT;
            }
            case BALANCE, STATS -> state = ROOT;
            case BY_CHANNEL ->
            {
                byChannel.resetCountToIndex();
                state = STATS;
            }
            case CHANNEL -> state = BY_CHANNEL;
            case ROOT ->
            {
                if (groups < GROUPS)
                {
                    openGroup(GROUPS);
                }
                achievements.resetCountToIndex();
                int limit = putText(encoder.limit(), memberId);
                limit = putText(limit, partnerId);
                limit = putText(limit, birthday);
                limit = putText(limit, tier);
                limit = putText(limit, referralCode);
                limit = putText(limit, referrerId);
                encoder.limit(limit);
                state = DONE;
            }
            default -> super.endObject();
        }
    }

    public void startArray(final String name)
    {
        if (state == ROOT && "identifiers".equals(name))
        {
            openGroup(1);
            state = IDENTIFIERS;
        }
        else if (state == ROOT && "tierHistory".equals(name))
        {
            openGroup(2);
            state = TIER_HISTORY;
        }
        else if (state == ROOT && "achievements".equals(name))
        {
            openGroup(5);
            state = ACHIEVEMENTS;
        }
        else
        {
            super.startArray(name);
        }
    }

    public void endArray()
    {
        if (state == IDENTIFIERS)
        {
            identifiers.resetCountToIndex();
            state = ROOT;
        }
        else if (state == TIER_HISTORY)
        {
            tierHistory.resetCountToIndex();
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
        switch (state)
        {
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
            case STATS ->
            {
                switch (name)
                {
                    case "purchases" -> encoder.purchases(value);
                    case "spentMinor" -> encoder.spentMinor(value);
                    case "pointsEarned" -> encoder.pointsEarned(value);
                    case "pointsRedeemed" -> encoder.pointsRedeemed(value);
                    default -> super.field(name, value);
                }
            }
            case ACHIEVEMENT ->
            {
                if ("unlocks".equals(name))
                {
                    achievements.unlocks(value);
                }
                else
                {
                    super.field(name, value);
                }
            }
            case CHANNEL ->
            {
                switch (name)
                {
                    case "purchases" -> byChannel.purchases(value);
                    case "spentMinor" -> byChannel.spentMinor(value);
                    case "pointsEarned" -> byChannel.pointsEarned(value);
                    case "pointsRedeemed" -> byChannel.pointsRedeemed(value);
                    default -> super.field(name, value);
                }
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
                    case "memberId" -> memberId = value;
                    case "partnerId" -> partnerId = value;
                    case "birthday" -> birthday = value;
                    case "tier" -> tier = value;
                    case "referralCode" -> referralCode = value;
                    case "referrerId" -> referrerId = value;
                    default -> super.field(name, value);
                }
            }
            case IDENTIFIER ->
            {
                switch (name)
                {
                    case "type" -> identifiers.identifierType(IdentifierType.valueOf(value));
                    case "value" -> encoder.limit(putText(encoder.limit(), value));
                    default -> super.field(name, value);
                }
            }
            case TIER_CHANGE ->
            {
                switch (name)
                {
                    case "tier" -> encoder.limit(putText(encoder.limit(), value));
                    case "at" -> tierHistory.at(InstantText.epochMillis(value));
                    default -> super.field(name, value);
                }
            }
            case ACHIEVEMENT -> achievement(name, value);
            case ATTRIBUTES ->
            {
                attributes.next();
                encoder.limit(putText(putText(encoder.limit(), name), value));
            }
            case STATS ->
            {
                switch (name)
                {
                    case "firstPurchaseAt" ->
                    {
                        if (value != null)
                        {
                            encoder.firstPurchaseAt(InstantText.epochMillis(value));
                            encoder.parts().firstPurchaseAt(true);
                        }
                    }
                    case "lastPurchaseAt" ->
                    {
                        if (value != null)
                        {
                            encoder.lastPurchaseAt(InstantText.epochMillis(value));
                            encoder.parts().lastPurchaseAt(true);
                        }
                    }
                    default -> super.field(name, value);
                }
            }
            default -> super.field(name, value);
        }
    }

    private void achievement(final String name, final String value)
    {
        switch (name)
        {
            case "achievementId" -> encoder.limit(putEntryText(encoder.limit(), 0, entryTexts++, name, value));
            case "name" -> encoder.limit(putEntryText(encoder.limit(), 1, entryTexts++, name, value));
            case "unlockedAt" ->
            {
                achievements.unlockedAt(value == null ? 0 : InstantText.epochMillis(value));
                achievements.parts().unlockedAt(value != null);
            }
            case "lastUnlockedAt" ->
            {
                achievements.lastUnlockedAt(value == null ? 0 : InstantText.epochMillis(value));
                achievements.parts().lastUnlockedAt(value != null);
            }
            default -> super.field(name, value);
        }
    }
}
