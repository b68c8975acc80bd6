package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.GamificationCommands.PutAchievement;
import dev.loyalty.engine.command.GamificationCommands.PutLeaderboard;
import dev.loyalty.engine.command.GamificationCommands.PutTiers;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import dev.loyalty.engine.sbe.PutAchievementDecoder;
import dev.loyalty.engine.sbe.PutAchievementEncoder;
import dev.loyalty.engine.sbe.PutLeaderboardDecoder;
import dev.loyalty.engine.sbe.PutLeaderboardEncoder;
import dev.loyalty.engine.sbe.PutTiersDecoder;
import dev.loyalty.engine.sbe.PutTiersEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal records of tiers, achievements and leaderboards ({@code PutTiers} 60, {@code PutAchievement} 61,
 * {@code PutLeaderboard} 62), for {@link CommandCodec}. Enum values travel as their names: a name that is not
 * one decodes as null, as an absent one does, so that the engine rejects it as it did when it was journaled.
 * Preallocated flyweights, one instance per thread, like its caller.
 */
final class GamificationCodec
{
    private final MessageHeaderEncoder headerEncoder;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final PutTiersEncoder putTiersEncoder = new PutTiersEncoder();
    private final PutAchievementEncoder putAchievementEncoder = new PutAchievementEncoder();
    private final PutLeaderboardEncoder putLeaderboardEncoder = new PutLeaderboardEncoder();
    private final PutTiersDecoder putTiersDecoder = new PutTiersDecoder();
    private final PutAchievementDecoder putAchievementDecoder = new PutAchievementDecoder();
    private final PutLeaderboardDecoder putLeaderboardDecoder = new PutLeaderboardDecoder();
    private int decodedLimit;

    GamificationCodec(final MessageHeaderEncoder headerEncoder)
    {
        this.headerEncoder = headerEncoder;
    }

    /** The end of the last decoded message, relative to the buffer it was decoded from. */
    int decodedLimit()
    {
        return decodedLimit;
    }

    private int utf8(final String value)
    {
        if (value == null)
        {
            return 0;
        }
        scratch.checkLimit(Utf8.maxEncodedLength(value.length()));
        return Utf8.encode(value, scratch, 0);
    }

    private static String name(final Enum<?> value)
    {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E parse(final Class<E> type, final String name)
    {
        if (name == null)
        {
            return null;
        }
        for (final E value : type.getEnumConstants())
        {
            if (value.name().equals(name))
            {
                return value;
            }
        }
        return null;
    }

    int encodePutTiers(final PutTiers c, final MutableDirectBuffer buffer, final int offset)
    {
        final PutTiersEncoder e = putTiersEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear().requestId(c.requestId() != null).basis(c.basis() != null);
        e.periodDays(c.periodDays());
        final List<TierLevel> tiers = c.tiers();
        final PutTiersEncoder.TiersEncoder group = e.tiersCount(tiers.size());
        for (int i = 0, n = tiers.size(); i < n; i++)
        {
            final TierLevel t = tiers.get(i);
            group.next();
            group.presence().clear().id(t.id() != null);
            group.threshold(t.threshold());
            group.putId(scratch, 0, utf8(t.id()));
        }
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putBasis(scratch, 0, utf8(name(c.basis())));
        return e.encodedLength();
    }

    Command decodePutTiers(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final PutTiersDecoder d = putTiersDecoder.wrap(buffer, offset, blockLength, version);
        final boolean hasRequestId = d.presence().requestId();
        final boolean hasBasis = d.presence().basis();
        final long periodDays = d.periodDays();
        final PutTiersDecoder.TiersDecoder group = d.tiers();
        final List<TierLevel> tiers = new ArrayList<>(group.count());
        for (int i = 0, n = group.count(); i < n; i++)
        {
            group.next();
            final boolean hasId = group.presence().id();
            final long threshold = group.threshold();
            final String id = hasId ? group.id() : skipped(group.skipId());
            tiers.add(new TierLevel(id, threshold));
        }
        final String requestId = hasRequestId ? d.requestId() : skipped(d.skipRequestId());
        final String basis = hasBasis ? d.basis() : skipped(d.skipBasis());
        decodedLimit = d.limit();
        return new PutTiers(requestId, parse(TierBasis.class, basis), periodDays, tiers);
    }

    int encodePutAchievement(final PutAchievement c, final MutableDirectBuffer buffer, final int offset)
    {
        final PutAchievementEncoder e = putAchievementEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .achievementId(c.achievementId() != null)
            .name(c.name() != null)
            .metric(c.metric() != null);
        e.repeatable(SbeEnums.toSbe(c.repeatable())).target(c.target()).rewardPoints(c.rewardPoints());
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putAchievementId(scratch, 0, utf8(c.achievementId()));
        e.putName(scratch, 0, utf8(c.name()));
        e.putMetric(scratch, 0, utf8(c.metric()));
        return e.encodedLength();
    }

    Command decodePutAchievement(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final PutAchievementDecoder d = putAchievementDecoder.wrap(buffer, offset, blockLength, version);
        final dev.loyalty.engine.sbe.PutAchievementPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasAchievementId = p.achievementId();
        final boolean hasName = p.name();
        final boolean hasMetric = p.metric();
        final boolean repeatable = SbeEnums.fromSbe(d.repeatable());
        final long target = d.target();
        final long rewardPoints = d.rewardPoints();
        final String requestId = hasRequestId ? d.requestId() : skipped(d.skipRequestId());
        final String achievementId = hasAchievementId ? d.achievementId() : skipped(d.skipAchievementId());
        final String name = hasName ? d.name() : skipped(d.skipName());
        final String metric = hasMetric ? d.metric() : skipped(d.skipMetric());
        decodedLimit = d.limit();
        return new PutAchievement(requestId, achievementId, name, metric, target, rewardPoints, repeatable);
    }

    int encodePutLeaderboard(final PutLeaderboard c, final MutableDirectBuffer buffer, final int offset)
    {
        final PutLeaderboardEncoder e = putLeaderboardEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        e.presence().clear()
            .requestId(c.requestId() != null)
            .boardId(c.boardId() != null)
            .metric(c.metric() != null)
            .period(c.period() != null)
            .partnerId(c.partnerId() != null);
        e.putRequestId(scratch, 0, utf8(c.requestId()));
        e.putBoardId(scratch, 0, utf8(c.boardId()));
        e.putMetric(scratch, 0, utf8(name(c.metric())));
        e.putPeriod(scratch, 0, utf8(name(c.period())));
        e.putPartnerId(scratch, 0, utf8(c.partnerId()));
        return e.encodedLength();
    }

    Command decodePutLeaderboard(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final PutLeaderboardDecoder d = putLeaderboardDecoder.wrap(buffer, offset, blockLength, version);
        final dev.loyalty.engine.sbe.PutLeaderboardPresenceDecoder p = d.presence();
        final boolean hasRequestId = p.requestId();
        final boolean hasBoardId = p.boardId();
        final boolean hasMetric = p.metric();
        final boolean hasPeriod = p.period();
        final boolean hasPartnerId = p.partnerId();
        final String requestId = hasRequestId ? d.requestId() : skipped(d.skipRequestId());
        final String boardId = hasBoardId ? d.boardId() : skipped(d.skipBoardId());
        final String metric = hasMetric ? d.metric() : skipped(d.skipMetric());
        final String period = hasPeriod ? d.period() : skipped(d.skipPeriod());
        final String partnerId = hasPartnerId ? d.partnerId() : skipped(d.skipPartnerId());
        decodedLimit = d.limit();
        return new PutLeaderboard(
            requestId, boardId, parse(BoardMetric.class, metric), parse(BoardPeriod.class, period), partnerId);
    }

    private static String skipped(final int skippedLength)
    {
        return null;
    }
}
