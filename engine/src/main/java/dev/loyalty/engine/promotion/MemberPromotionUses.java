package dev.loyalty.engine.promotion;

import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many times each promotion applied to one member, for {@code maxUsesPerMember}: uses consumed (captured
 * purchases and activities) and uses held by open authorizations. Kept in first-use order, so that a digest
 * walks it deterministically. Mutable state of the single business-logic thread.
 */
public final class MemberPromotionUses
{
    /** Null until the first use: most members never meet a promotion with a per-member limit. */
    private LinkedHashMap<String, long[]> uses;

    /** Consumed plus held uses of a promotion (what {@code maxUsesPerMember} is compared with). */
    public long count(final String promotionId)
    {
        final long[] u = uses == null ? null : uses.get(promotionId);
        return u == null ? 0 : u[0] + u[1];
    }

    /** Consumed uses of a promotion. */
    public long used(final String promotionId)
    {
        final long[] u = uses == null ? null : uses.get(promotionId);
        return u == null ? 0 : u[0];
    }

    /** Uses held by open authorizations. */
    public long reserved(final String promotionId)
    {
        final long[] u = uses == null ? null : uses.get(promotionId);
        return u == null ? 0 : u[1];
    }

    /** Each promotion's {@code [used, reserved]}, in first-use order (read-only by convention). */
    public Map<String, long[]> entries()
    {
        return uses == null ? Map.of() : uses;
    }

    /** Adds another member's uses into these (a merge) and empties the other. */
    public void mergeFrom(final MemberPromotionUses other)
    {
        if (other.uses == null)
        {
            return;
        }
        for (final Map.Entry<String, long[]> e : other.uses.entrySet())
        {
            final long[] mine = slot(e.getKey());
            mine[0] += e.getValue()[0];
            mine[1] += e.getValue()[1];
        }
        other.uses = null;
    }

    /** Writes each promotion's uses, in first-use order. */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.putCount(uses == null ? 0 : uses.size());
        if (uses == null || uses.isEmpty())
        {
            return;
        }
        for (final Map.Entry<String, long[]> e : entries().entrySet())
        {
            out.putString(e.getKey());
            out.putLong(e.getValue()[0]);
            out.putLong(e.getValue()[1]);
        }
    }

    /** Reads what {@link #writeSnapshot} wrote into these uses, which must be empty. */
    public void readSnapshot(final SnapshotReader in)
    {
        for (int i = 0, n = in.getCount(3); i < n; i++)
        {
            final String promotionId = in.getString();
            if (uses == null)
            {
                uses = new LinkedHashMap<>();
            }
            uses.put(promotionId, new long[]{in.getLong(), in.getLong()});
        }
    }

    void add(final String promotionId, final long used, final long reserved)
    {
        final long[] u = slot(promotionId);
        u[0] += used;
        u[1] += reserved;
    }

    private long[] slot(final String promotionId)
    {
        if (uses == null)
        {
            uses = new LinkedHashMap<>();
        }
        long[] u = uses.get(promotionId);
        if (u == null)
        {
            u = new long[2];
            uses.put(promotionId, u);
        }
        return u;
    }
}
