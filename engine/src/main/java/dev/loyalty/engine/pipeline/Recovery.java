package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The first half of recovery: the newest usable snapshot. Snapshots are tried newest first; one is skipped, with
 * a warning naming it and why, when its header, length, format version or checksum is bad, when its body is not
 * what this engine reads, or when it covers records the journal does not have (its tail was lost, as a power
 * cut can lose it with {@code async} durability: the journal, not the snapshot, is the record of what happened),
 * or when reading it fails after its checksum passed (a bug: the journal is replayed instead).
 * With none usable, the state starts empty and the whole journal is replayed. The caller then replays the
 * journal after the snapshot's sequence.
 */
final class Recovery
{
    /** What was loaded: the state, its keys, the snapshot (or null) and the sequence it covers. */
    record Loaded(BusinessLogic logic, ApiKeys apiKeys, Path snapshot, long sequence, long loadMillis)
    {
    }

    private Recovery()
    {
    }

    static Loaded newestUsable(
        final SnapshotStore store, final long journalLastSequence, final int maxOpenHoldsPerMember,
        final Consumer<String> warnings)
    {
        store.deleteTemporaries(warnings);
        for (final Path file : store.newestFirst())
        {
            final long sequence = SnapshotStore.sequenceOf(file);
            if (sequence > journalLastSequence)
            {
                warnings.accept("snapshot " + file + " covers the journal up to sequence " + sequence +
                    " but the journal ends at sequence " + journalLastSequence + " (its tail was lost): skipped");
                continue;
            }
            final long startNs = System.nanoTime();
            try
            {
                final ApiKeys apiKeys = new ApiKeys();
                final BusinessLogic logic =
                    SnapshotFile.read(file, in -> BusinessLogic.readSnapshot(in, apiKeys, maxOpenHoldsPerMember));
                final SnapshotFile.Header header = SnapshotFile.readHeader(file);
                if (header.journalSequence() != sequence || header.engineTimeMillis() != logic.engineTimeMillis())
                {
                    throw new InvalidSnapshotException("snapshot " + file + " says it covers sequence " +
                        header.journalSequence() + " at engine time " + header.engineTimeMillis() +
                        ", its name and state disagree");
                }
                return new Loaded(logic, apiKeys, file, sequence, (System.nanoTime() - startNs) / 1_000_000);
            }
            catch (final InvalidSnapshotException ex)
            {
                warnings.accept(ex.getMessage() + ": skipped");
            }
            catch (final RuntimeException ex)
            {
                warnings.accept("snapshot " + file + " passed its checksum but could not be read (" + ex +
                    "): skipped");
            }
        }
        final ApiKeys apiKeys = new ApiKeys();
        return new Loaded(new BusinessLogic(apiKeys, maxOpenHoldsPerMember), apiKeys, null, 0, 0);
    }
}
