package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes a snapshot offline, in the process that asks ({@code loyalty snapshot}): the newest usable snapshot of
 * a data directory plus its journal after it, read without opening the journal for writing, written as a new
 * snapshot of the last record, then all but the newest {@code keep} snapshots deleted. It changes nothing else,
 * so it may run while an engine runs on the same directory (it then snapshots up to the records complete when it
 * read them); it needs as much memory as the engine's state.
 */
public final class SnapshotBuilder
{
    private SnapshotBuilder()
    {
    }

    /**
     * Builds a snapshot of everything in {@code dataDir/journal}.
     *
     * @return the snapshot written, or the newest one when it already covers the whole journal.
     * @throws dev.loyalty.engine.journal.JournalCorruptedException when the journal has a bad record.
     * @throws IllegalArgumentException when there is no journal.
     */
    public static SnapshotResult build(
        final Path dataDir, final int maxOpenHoldsPerMember, final int keep, final Consumer<String> warnings)
    {
        final Path journalDir = dataDir.resolve("journal");
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal directory " + journalDir);
        }
        final long journalEnd = Journal.readDirectory(journalDir, 0, (sequence, stampMillis, command) -> { });
        final SnapshotStore store = new SnapshotStore(dataDir.resolve("snapshots"));
        final Recovery.Loaded loaded = Recovery.newestUsable(store, journalEnd, maxOpenHoldsPerMember, warnings);
        if (loaded.snapshot() != null && loaded.sequence() == journalEnd)
        {
            return new SnapshotResult(loaded.snapshot(), journalEnd, SnapshotFile.HEADER_LENGTH +
                SnapshotFile.readHeader(loaded.snapshot()).bodyLength(), 0, false);
        }
        final BusinessLogic logic = loaded.logic();
        final long last = Math.max(loaded.sequence(), Journal.readDirectory(
            journalDir, loaded.sequence(), (sequence, stampMillis, command) -> logic.apply(command, stampMillis)));
        final long startNs = System.nanoTime();
        final Path file = store.fileFor(last);
        final SnapshotFile.Header header = SnapshotFile.write(file, last, logic.engineTimeMillis(), logic::writeSnapshot);
        store.keepNewest(keep);
        return new SnapshotResult(file, last, SnapshotFile.HEADER_LENGTH + header.bodyLength(),
            (System.nanoTime() - startNs) / 1_000_000, true);
    }
}
