package dev.loyalty.engine.pipeline;

import java.nio.file.Path;

/**
 * A snapshot that was written, or that already covered what was asked.
 *
 * @param file            the snapshot file.
 * @param journalSequence the last journal record the snapshot's state includes.
 * @param bytes           the file's length.
 * @param writeMillis     how long writing it took (0 when it already existed).
 * @param written         true when it was written for this request, false when an existing one already covered it.
 */
public record SnapshotResult(Path file, long journalSequence, long bytes, long writeMillis, boolean written)
{
}
