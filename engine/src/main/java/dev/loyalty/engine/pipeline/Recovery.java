package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The first half of recovery: the newest usable snapshot. Snapshots are tried newest first; one is skipped, with
 * a warning naming it and why, when its header, length, format version or checksum is bad, when its body is not
 * what this engine reads, or when it covers records the journal does not have (its tail was lost, as a power
 * cut can lose it with {@code async} durability: the journal, not the snapshot, is the record of what happened),
 * or when reading it fails after its checksum passed (a bug: the journal is replayed instead).
 * With none usable, the state starts empty and the whole journal is replayed. The caller then replays the
 * journal after the snapshot's sequence.
 * <p>
 * The engine starts the load ({@link #startLoading}) on a thread of its own before it opens the journal, so
 * that the two overlap on two cores (opening the journal is mostly Chronicle Queue's class loading and the scan
 * of its newest file), and then decides with the journal's end ({@link Loading#finish}): the outcome and the
 * warnings, in their order, are exactly those of {@link #newestUsable} run after the journal was opened.
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
        return newestUsable(store, journalLastSequence, Long.MAX_VALUE, maxOpenHoldsPerMember, warnings);
    }

    /** The newest usable snapshot among those below {@code belowSequence}. */
    private static Loaded newestUsable(
        final SnapshotStore store, final long journalLastSequence, final long belowSequence,
        final int maxOpenHoldsPerMember, final Consumer<String> warnings)
    {
        for (final Path file : store.newestFirst())
        {
            final long sequence = SnapshotStore.sequenceOf(file);
            if (sequence >= belowSequence)
            {
                continue;
            }
            if (sequence > journalLastSequence)
            {
                warnings.accept(notCovered(file, sequence, journalLastSequence));
                continue;
            }
            final Loaded loaded = load(file, sequence, maxOpenHoldsPerMember, warnings);
            if (loaded != null)
            {
                return loaded;
            }
        }
        return empty(maxOpenHoldsPerMember);
    }

    /**
     * Starts loading the newest snapshot that reads, whatever the journal holds, on a thread of its own; the
     * caller opens the journal meanwhile and then calls {@link Loading#finish} with the journal's end.
     */
    static Loading startLoading(final SnapshotStore store, final int maxOpenHoldsPerMember)
    {
        final Loading loading = new Loading(store, maxOpenHoldsPerMember);
        final Thread thread = new Thread(loading.task, "loyalty-snapshot-load");
        thread.setDaemon(true);
        thread.start();
        return loading;
    }

    /** A snapshot load started before the journal's end was known. */
    static final class Loading
    {
        private final SnapshotStore store;
        private final int maxOpenHoldsPerMember;
        /** The files tried, in order, each with why it was skipped (null: loaded); a null file: a warning of its own. */
        private final List<Path> tried = new ArrayList<>();
        private final List<String> why = new ArrayList<>();
        private final FutureTask<Loaded> task;

        private Loading(final SnapshotStore store, final int maxOpenHoldsPerMember)
        {
            this.store = store;
            this.maxOpenHoldsPerMember = maxOpenHoldsPerMember;
            this.task = new FutureTask<>(this::run);
        }

        private Loaded run()
        {
            store.deleteTemporaries(warning ->
            {
                tried.add(null);
                why.add(warning);
            });
            for (final Path file : store.newestFirst())
            {
                final List<String> skipped = new ArrayList<>(1);
                final Loaded loaded = load(file, SnapshotStore.sequenceOf(file), maxOpenHoldsPerMember, skipped::add);
                tried.add(file);
                why.add(skipped.isEmpty() ? null : skipped.get(0));
                if (loaded != null)
                {
                    return loaded;
                }
            }
            return null;
        }

        /**
         * Waits for the load and decides with the journal's end: the warnings {@link #newestUsable} would give,
         * in its order, and its outcome (a snapshot beyond the journal's end is skipped and an older one loaded).
         */
        Loaded finish(final long journalLastSequence, final Consumer<String> warnings)
        {
            final Loaded loaded;
            try
            {
                loaded = task.get();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the snapshot", ex);
            }
            catch (final ExecutionException ex)
            {
                if (ex.getCause() instanceof RuntimeException runtime)
                {
                    throw runtime;
                }
                if (ex.getCause() instanceof Error error)
                {
                    throw error;
                }
                throw new IllegalStateException(ex.getCause());
            }
            for (int i = 0; i < tried.size(); i++)
            {
                final Path file = tried.get(i);
                if (file == null)
                {
                    warnings.accept(why.get(i));
                    continue;
                }
                final long sequence = SnapshotStore.sequenceOf(file);
                if (sequence > journalLastSequence)
                {
                    warnings.accept(notCovered(file, sequence, journalLastSequence));
                }
                else if (why.get(i) != null)
                {
                    warnings.accept(why.get(i));
                }
            }
            if (loaded == null)
            {
                return empty(maxOpenHoldsPerMember);
            }
            if (loaded.sequence() <= journalLastSequence)
            {
                return loaded;
            }
            return newestUsable(store, journalLastSequence, loaded.sequence(), maxOpenHoldsPerMember, warnings);
        }
    }

    private static String notCovered(final Path file, final long sequence, final long journalLastSequence)
    {
        return "snapshot " + file + " covers the journal up to sequence " + sequence +
            " but the journal ends at sequence " + journalLastSequence + " (its tail was lost): skipped";
    }

    /** The snapshot in {@code file}, or null when it is not usable (why goes to {@code warnings}). */
    private static Loaded load(
        final Path file, final long sequence, final int maxOpenHoldsPerMember, final Consumer<String> warnings)
    {
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
        return null;
    }

    private static Loaded empty(final int maxOpenHoldsPerMember)
    {
        final ApiKeys apiKeys = new ApiKeys();
        return new Loaded(new BusinessLogic(apiKeys, maxOpenHoldsPerMember), apiKeys, null, 0, 0);
    }
}
