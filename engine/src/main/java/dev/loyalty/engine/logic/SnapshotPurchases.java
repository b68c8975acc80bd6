package dev.loyalty.engine.logic;

import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotSource;
import dev.loyalty.engine.snapshot.SnapshotWriter;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.file.Path;

/**
 * The purchases of a loaded snapshot that stay in its file until they are first needed ({@link PurchaseIndex}),
 * as members do ({@link SnapshotMembers}): where each purchase's record starts (a {@code long} a purchase), its
 * txId's hash beside its place ({@link HashSlots}), the hold timeouts waiting for it, and the open file to
 * decode it from ({@link LogicSnapshot#readPurchase}) or copy it, as it is, into the next snapshot.
 * <p>
 * A record starts with the purchase's txId and the numbers of the members whose lots it names by place
 * ({@link LogicSnapshot#putPurchase}), so a lookup checks a candidate's txId and a snapshot writer checks whether
 * those members are still undecoded (their lots as the record names them) without decoding the purchase.
 */
final class SnapshotPurchases implements AutoCloseable
{
    /** Decodes one purchase record, the reader bounded by it. */
    interface Decoder
    {
        Purchase decode(SnapshotReader in);
    }

    /** The seed of a txId's hash ({@link SnapshotReader#hashUtf8}). */
    static final int TX_ID_SEED = 0x7A1D;

    private final SnapshotSource source;
    /** {@code starts[i]}: where the record of the purchase at place i starts; {@code starts[count]}: the end. */
    private final long[] starts;
    private final HashSlots byTxId;
    private final Decoder decoder;
    /** Per place: the hold timeout waiting for that purchase to be decoded. */
    private final Int2ObjectHashMap<DueWork> holdTimeouts = new Int2ObjectHashMap<>();
    private int[] owners = new int[4];
    private long decodeNanos;

    SnapshotPurchases(final SnapshotSource source, final long[] starts, final HashSlots byTxId, final Decoder decoder)
    {
        this.source = source;
        this.starts = starts;
        this.byTxId = byTxId;
        this.decoder = decoder;
    }

    /** The hash a txId is indexed under. */
    static int hash(final String txId)
    {
        return HashSlots.mix(SnapshotReader.hashUtf8(TX_ID_SEED, txId));
    }

    /** How many purchases the snapshot holds. */
    int count()
    {
        return starts.length - 1;
    }

    HashSlots byTxId()
    {
        return byTxId;
    }

    /** Whether the purchase at {@code place} has this txId: reads the record's txId only. */
    boolean hasTxId(final int place, final String txId)
    {
        final SnapshotReader in = source.reader(starts[place], starts[place + 1]);
        in.getUnsigned();
        return in.getStringEquals(txId);
    }

    /**
     * The purchase at {@code place} as the snapshot holds it, with the hold timeout waiting for it linked. The
     * caller keeps it: a place is decoded once.
     */
    Purchase decode(final int place)
    {
        final long startNs = LogicSnapshot.TIMING ? System.nanoTime() : 0;
        final Purchase p;
        try
        {
            p = decoder.decode(source.reader(starts[place], starts[place + 1]));
        }
        catch (final InvalidSnapshotException ex)
        {
            throw new InvalidSnapshotException("snapshot " + source.file() + ", purchase " + (place + 1) +
                " (checksummed at load) does not decode: " + ex.getMessage());
        }
        final DueWork timeout = holdTimeouts.remove(place);
        if (timeout != null)
        {
            PendingLinks.link(timeout, p);
        }
        if (LogicSnapshot.TIMING)
        {
            decodeNanos += System.nanoTime() - startNs;
        }
        return p;
    }

    long decodeNanos()
    {
        return decodeNanos;
    }

    /** While the snapshot loads: {@code work} waits for the purchase at {@code place} to be decoded. */
    void awaitHoldTimeout(final int place, final DueWork work)
    {
        if (holdTimeouts.put(place, work) != null)
        {
            throw new IllegalStateException("two hold timeouts of the purchase at " + place);
        }
        work.pendingRef = place + 1L;
    }

    /**
     * Whether the record at {@code place} can be copied into the next snapshot as it is: every member whose lots it
     * names by place is still undecoded, so still has its lots where the record says.
     */
    boolean copiable(final int place, final MemberTable members)
    {
        final int n = readOwners(place);
        for (int i = 0; i < n; i++)
        {
            if (members.decoded(owners[i]) != null)
            {
                return false;
            }
        }
        return true;
    }

    /** Reads the member numbers the record at {@code place} names lots of into {@link #owners}; how many. */
    private int readOwners(final int place)
    {
        final SnapshotReader in = source.reader(starts[place], starts[place + 1]);
        in.getUnsigned();
        in.getStringHash(0);
        final int n = in.getCount(1);
        if (n > owners.length)
        {
            owners = new int[n];
        }
        for (int i = 0; i < n; i++)
        {
            owners[i] = (int)in.getUnsigned();
        }
        return n;
    }

    /** Writes the records at places {@code from..to-1} into {@code out} exactly as the snapshot has them. */
    void copy(final SnapshotWriter out, final int from, final int to)
    {
        source.copyTo(out, starts[from], starts[to]);
    }

    Path file()
    {
        return source.file();
    }

    @Override
    public void close()
    {
        source.close();
    }
}
