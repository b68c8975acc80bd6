package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;

import java.util.List;

/**
 * A leaderboard at one moment: {@code {"boardId","metric","period","partnerId","periodStart","periodEnd",
 * "members","entries":[{"rank","memberId","value"}]}}; {@code periodEnd} is null for ALL, {@code members} is how
 * many members have a value, {@code entries} the top ones (absent in the answer to {@code PUT}).
 */
record LeaderboardReply(
    String boardId,
    BoardMetric metric,
    BoardPeriod period,
    String partnerId,
    long periodStart,
    long periodEnd,
    int members,
    List<Entry> entries) implements Reply
{
    /** One line of the board. */
    record Entry(long rank, String memberId, long value)
    {
    }

    /** The board with its top {@code limit} entries (limit 0: none, the definition only). */
    static LeaderboardReply of(final Leaderboard b, final int limit)
    {
        List<Entry> entries = null;
        if (limit > 0)
        {
            final int n = Math.min(limit, b.ranks.size());
            final Entry[] top = new Entry[n];
            long rank = 0;
            long previous = -1;
            for (int i = 0; i < n; i++)
            {
                final int id = b.ranks.idAt(i);
                final long value = b.ranks.value(id);
                if (value != previous)
                {
                    rank = i + 1;
                    previous = value;
                }
                top[i] = new Entry(rank, Ids.memberId(id), value);
            }
            entries = List.of(top);
        }
        return new LeaderboardReply(b.boardId, b.metric, b.period, b.partnerId, b.periodStart, b.periodEnd,
            b.ranks.size(), entries);
    }

    public int httpStatus()
    {
        return 200;
    }

    public void writeTo(final ReplyWriter w)
    {
        w.startObject();
        w.field("boardId", boardId);
        w.field("metric", metric.name());
        w.field("period", period.name());
        w.field("partnerId", partnerId);
        w.field("periodStart", Times.iso(periodStart));
        if (periodEnd == Long.MAX_VALUE)
        {
            w.nullField("periodEnd");
        }
        else
        {
            w.field("periodEnd", Times.iso(periodEnd));
        }
        w.field("members", members);
        if (entries != null)
        {
            w.startArray("entries");
            for (int i = 0, size = entries.size(); i < size; i++)
            {
                final Entry e = entries.get(i);
                w.startObject();
                w.field("rank", e.rank());
                w.field("memberId", e.memberId());
                w.field("value", e.value());
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }

    /**
     * {@code GET /v1/leaderboards/{boardId}/members/{memberId}}: {@code {"boardId","memberId","rank","value"}};
     * {@code rank} is null while the member has nothing counted on the board this period.
     */
    record MemberReply(String boardId, String memberId, long rank, long value) implements Reply
    {
        public int httpStatus()
        {
            return 200;
        }

        public void writeTo(final ReplyWriter w)
        {
            w.startObject();
            w.field("boardId", boardId);
            w.field("memberId", memberId);
            if (rank == 0)
            {
                w.nullField("rank");
            }
            else
            {
                w.field("rank", rank);
            }
            w.field("value", value);
            w.endObject();
        }
    }
}
