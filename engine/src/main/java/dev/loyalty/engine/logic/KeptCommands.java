package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.List;
import java.util.Objects;

/**
 * Keeps a purchase's command (its body answers replays; its lines serve refunds and achievements) with the
 * parts many purchases have in common shared: equal lines are one {@link Line} object (sku, category, quantity
 * and price: a shop sells the same few thousand), the store's id is the store's own string, a member named by
 * an identifier shares the member's {@link Identifier}, and skus, categories, payment words and partner ids are
 * one string each.
 * A command decoded from the wire or the journal has strings of its own for every one of them, which a purchase
 * would otherwise keep for ever (about 100 bytes a line); the kept command is equal to it, so replays, digests
 * and snapshots see the same body.
 * <p>
 * A command whose parts are already the shared ones is kept as it is (nothing allocated). The tables stop
 * growing at a bound, so that a stream of distinct lines costs memory only in the purchases that have them; past
 * the lines' bound a new line still shares its sku and category strings (a catalogue of 50,000 skus sold in a few
 * quantities each has more distinct lines than the bound, far fewer skus).
 */
final class KeptCommands
{
    private static final int MAX_LINES = 1 << 18;
    private static final int MAX_WORDS = 1 << 18;

    /**
     * The shared lines by {@link #fingerprint}: a probe compares longs in one array, where a table keyed by the
     * lines compared each probed line's strings (a third of the logic thread's time with a full table, every
     * probe a few cache misses). Two lines of one fingerprint: the second is not shared.
     */
    private final Long2ObjectHashMap<Line> lines = new Long2ObjectHashMap<>();
    private final Object2ObjectHashMap<String, String> words = new Object2ObjectHashMap<>();
    private final int maxLines;
    private final int maxWords;
    private Line[] scratch = new Line[BusinessLogic.MAX_LINES];

    KeptCommands()
    {
        this(MAX_LINES, MAX_WORDS);
    }

    /** With other bounds on the shared lines and strings (tests). */
    KeptCommands(final int maxLines, final int maxWords)
    {
        this.maxLines = maxLines;
        this.maxWords = maxWords;
    }

    /**
     * The command to keep for an authorize or one-shot command {@code c} with request {@code r}, made at
     * {@code store} by {@code member} (null: anonymous): {@code c} itself or an equal command with shared parts.
     */
    Command keep(final Command c, final PurchaseRequest r, final Store store, final Member member)
    {
        final String scope = c instanceof Commands.Authorize a ? a.scopePartnerId() :
            ((Commands.OneShot)c).scopePartnerId();
        final String keptScope = word(scope);
        final String storeId = r.storeId().equals(store.storeId()) ? store.storeId() : r.storeId();
        final MemberRef ref = memberRef(r.member(), member);
        final String payment = word(r.payment());
        final List<Line> given = r.lines();
        final int n = given.size();
        if (scratch.length < n)
        {
            scratch = new Line[n];
        }
        boolean linesShared = true;
        for (int i = 0; i < n; i++)
        {
            final Line line = given.get(i);
            final Line kept = line(line);
            scratch[i] = kept;
            linesShared &= kept == line;
        }
        if (linesShared && keptScope == scope && storeId == r.storeId() && ref == r.member() &&
            payment == r.payment())
        {
            return c;
        }
        final List<Line> keptLines = linesShared ? given : List.of(java.util.Arrays.copyOf(scratch, n));
        final PurchaseRequest kept = new PurchaseRequest(r.txId(), storeId, ref, r.occurredAt(), payment, keptLines,
            r.redeemPoints(), r.redeemMax(), r.coupons());
        return c instanceof Commands.Authorize ? new Commands.Authorize(keptScope, kept) :
            new Commands.OneShot(keptScope, kept);
    }

    /** The lines of a kept authorize or one-shot command. */
    static List<Line> lines(final Command kept)
    {
        return kept instanceof Commands.Authorize a ? a.request().lines() : ((Commands.OneShot)kept).request().lines();
    }

    private Line line(final Line line)
    {
        final long fingerprint = fingerprint(line);
        final Line known = lines.get(fingerprint);
        if (known != null && known.equals(line))
        {
            return known;
        }
        final String sku = word(line.sku());
        final String category = word(line.category());
        // The first of its kind is the shared one when its strings are the shared ones (it is kept as it is).
        final Line shared = sku == line.sku() && category == line.category() ? line :
            new Line(sku, category, line.qty(), line.unitPrice());
        if (known == null && lines.size() < maxLines)
        {
            lines.put(fingerprint, shared);
        }
        return shared;
    }

    /** A 64-bit hash of a line's sku, category, quantity and price (String hashes are the same in every JVM). */
    static long fingerprint(final Line line)
    {
        final long m = 0x9E3779B97F4A7C15L;
        long h = Objects.hashCode(line.sku());
        h = h * m + Objects.hashCode(line.category());
        h = h * m + line.qty();
        h = h * m + line.unitPrice();
        return h ^ (h >>> 31);
    }

    private String word(final String s)
    {
        if (s == null)
        {
            return null;
        }
        final String known = words.get(s);
        if (known != null)
        {
            return known;
        }
        if (words.size() < maxWords)
        {
            words.put(s, s);
        }
        return s;
    }

    private static MemberRef memberRef(final MemberRef ref, final Member m)
    {
        if (ref == null || m == null)
        {
            return ref;
        }
        if (ref.memberId() != null)
        {
            return ref.memberId() != m.memberId && ref.memberId().equals(m.memberId) ? MemberRef.byId(m.memberId) : ref;
        }
        final Identifier given = ref.identifier();
        for (int i = 0, size = m.identifiers.size(); i < size; i++)
        {
            final Identifier known = m.identifiers.get(i);
            if (known.equals(given))
            {
                // A ref that already shares the member's string costs no more than a shared one would.
                return known.value() == given.value() ? ref : new MemberRef(null, known);
            }
        }
        return ref;
    }
}
