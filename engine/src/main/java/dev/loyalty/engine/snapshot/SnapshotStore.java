package dev.loyalty.engine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The snapshots of a data directory, {@code <dataDir>/snapshots/snapshot-<sequence>.bin} with the journal
 * sequence the snapshot covers in 20 digits, so that name order is sequence order. It lists them newest first,
 * names a new one, deletes all but the newest few and removes the {@code .tmp} files a crash mid-write left.
 * Several threads and processes may use one directory: every change is a whole-file rename or delete.
 */
public final class SnapshotStore
{
    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".bin";

    private final Path dir;

    public SnapshotStore(final Path dir)
    {
        this.dir = dir;
    }

    /** The directory of the snapshots. */
    public Path directory()
    {
        return dir;
    }

    /** The file a snapshot covering {@code journalSequence} is written to. */
    public Path fileFor(final long journalSequence)
    {
        return dir.resolve(String.format("%s%020d%s", PREFIX, journalSequence, SUFFIX));
    }

    /** The journal sequence a snapshot's name says it covers, or -1 when the name is not a snapshot's. */
    public static long sequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) ||
            name.length() != PREFIX.length() + 20 + SUFFIX.length())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** Every snapshot file, newest (highest sequence) first; empty when there is no directory. */
    public List<Path> newestFirst()
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(path -> sequenceOf(path) >= 0 && Files.isRegularFile(path))
                .sorted(Comparator.comparingLong(SnapshotStore::sequenceOf).reversed())
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot: cannot list " + dir, ex);
        }
    }

    /**
     * Deletes every snapshot but the newest {@code keep}.
     *
     * @return the files deleted.
     */
    public List<Path> keepNewest(final int keep)
    {
        final List<Path> deleted = new ArrayList<>();
        final List<Path> all = newestFirst();
        for (int i = Math.max(1, keep); i < all.size(); i++)
        {
            try
            {
                if (Files.deleteIfExists(all.get(i)))
                {
                    deleted.add(all.get(i));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("snapshot: cannot delete " + all.get(i), ex);
            }
        }
        return deleted;
    }

    /** Deletes the temporary files of snapshots whose writing a crash interrupted; reports each. */
    public void deleteTemporaries(final Consumer<String> warnings)
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(p -> p.getFileName().toString().endsWith(SnapshotFile.TEMPORARY_SUFFIX))
                .toList())
            {
                Files.deleteIfExists(file);
                warnings.accept("snapshot: deleted " + file + ", a snapshot whose writing did not finish");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot: cannot clean " + dir, ex);
        }
    }
}
