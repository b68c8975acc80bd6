package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's profile at one moment (a snapshot: later changes do not show in it), with its tier history
 * ({@code [{"tier","at"}]}, oldest first) and its unlocked achievements.
 */
record MemberProfileReply(
    String memberId,
    String partnerId,
    List<Identifier> identifiers,
    String birthday,
    String tier,
    List<TierChange> tierHistory,
    Map<String, String> attributes,
    String referralCode,
    String referrerId,
    BalanceView balance,
    MemberStats stats,
    List<MemberAchievementView> achievements) implements Reply
{
    static MemberProfileReply of(final Member m, final List<Achievement> defined)
    {
        return new MemberProfileReply(
            m.memberId,
            m.homePartnerId,
            new ArrayList<>(m.identifiers),
            m.birthday,
            m.tier,
            List.copyOf(m.tierHistory),
            new LinkedHashMap<>(m.attributes),
            m.referralCode,
            m.referrerId,
            BalanceView.of(m),
            m.stats.copy(),
            MemberAchievementView.unlocked(defined, m));
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("memberId", memberId);
        w.field("partnerId", partnerId);
        w.startArray("identifiers");
        for (int i = 0, size = identifiers.size(); i < size; i++)
        {
            final Identifier id = identifiers.get(i);
            w.startObject();
            w.field("type", id.type().name());
            w.field("value", id.value());
            w.endObject();
        }
        w.endArray();
        w.field("birthday", birthday);
        w.field("tier", tier);
        w.startArray("tierHistory");
        for (int i = 0, size = tierHistory.size(); i < size; i++)
        {
            tierHistory.get(i).writeTo(w);
        }
        w.endArray();
        w.startObject("attributes");
        for (final Map.Entry<String, String> e : attributes.entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.field("referralCode", referralCode);
        w.field("referrerId", referrerId);
        balance.writeTo(w);
        stats.writeTo(w);
        w.startArray("achievements");
        for (int i = 0, size = achievements.size(); i < size; i++)
        {
            achievements.get(i).writeUnlocked(w);
        }
        w.endArray();
        w.endObject();
    }
}
