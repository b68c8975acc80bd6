package dev.loyalty.engine.logic;

import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import dev.loyalty.engine.snapshot.SnapshotReader;
import dev.loyalty.engine.snapshot.SnapshotSource;
import dev.loyalty.engine.snapshot.SnapshotWriter;

import java.nio.file.Path;

/**
 * The members of a loaded snapshot that stay in its file until they are first needed ({@link MemberTable}):
 * where each member's record starts (a {@code long} a member, the only per-member cost of one not decoded),
 * and the open file to decode it from ({@link LogicSnapshot#readMember}) or copy it, as it is, into the next
 * snapshot. Records are in member-number order, each right after the one before, so members
 * {@code from..to} are one run of bytes.
 */
final class SnapshotMembers implements AutoCloseable
{
    private final SnapshotSource source;
    /** {@code starts[n - 1]}: where member n's record starts; {@code starts[count]}: where the last one ends. */
    private final long[] starts;
    private final long[] mergedInto = new long[1];

    SnapshotMembers(final SnapshotSource source, final long[] starts)
    {
        this.source = source;
        this.starts = starts;
    }

    /** Member {@code number} as the snapshot holds it, its merge target not set yet ({@link #mergedIntoOfLast}). */
    /** Time spent in {@link #decode}, counted while {@link LogicSnapshot#TIMING} is on. */
    private long decodeNanos;

    Member decode(final int number)
    {
        try
        {
            final long startNs = LogicSnapshot.TIMING ? System.nanoTime() : 0;
            final Member m =
                LogicSnapshot.readMember(source.reader(starts[number - 1], starts[number]), number, mergedInto);
            if (LogicSnapshot.TIMING)
            {
                decodeNanos += System.nanoTime() - startNs;
            }
            return m;
        }
        catch (final InvalidSnapshotException ex)
        {
            throw new InvalidSnapshotException("snapshot " + source.file() + ", member number " + number +
                " (checksummed at load) does not decode: " + ex.getMessage());
        }
    }

    long decodeNanos()
    {
        return decodeNanos;
    }

    /** The number of the member the one {@link #decode} just gave was merged into, or 0. */
    long mergedIntoOfLast()
    {
        return mergedInto[0];
    }

    /** Where member {@code number}'s record starts in the file ({@code count + 1}: where the last one ends). */
    long start(final int number)
    {
        return starts[number - 1];
    }

    /**
     * Adds the hashes of member {@code number}'s identifiers ({@link IdentifierIndex#hash}) as the snapshot has
     * them to {@code into}, from the start of its record, without decoding the member.
     */
    void identifierHashes(final int number, final HashSlots into)
    {
        final SnapshotReader in = source.reader(starts[number - 1], starts[number]);
        in.getUnsigned();
        if (in.getUnsigned() != number)
        {
            throw new InvalidSnapshotException("snapshot " + source.file() + ", member number " + number +
                " (checksummed at load): its record holds another number");
        }
        for (int k = 0, ids = in.getCount(2); k < ids; k++)
        {
            final long type = in.getUnsigned();
            if (type < 1 || type > Integer.MAX_VALUE)
            {
                throw new InvalidSnapshotException("snapshot " + source.file() + ", member number " + number +
                    " (checksummed at load): an identifier without a type");
            }
            into.add(IdentifierIndex.mix(in.getStringHash(IdentifierIndex.seed((int)type - 1))), number);
        }
    }

    /** Writes members {@code from..to} (by number, both included) into {@code out} exactly as the snapshot has them. */
    void copy(final SnapshotWriter out, final int from, final int to)
    {
        source.copyTo(out, starts[from - 1], starts[to]);
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
