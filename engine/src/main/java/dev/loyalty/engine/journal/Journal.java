package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.sbe.JournalRecordHeaderEncoder;
import dev.loyalty.engine.sbe.MessageHeaderEncoder;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The command journal: a Chronicle Queue of SBE records, one per state-changing command, each carrying a
 * contiguous sequence number (1, 2, 3, ...), the entry stamp and a CRC32C checksum that replay verifies.
 * {@link #append} is called by one thread only (the journaler stage).
 * <p>
 * Each record is one Chronicle document: Chronicle's own 4-byte document header, then the
 * {@code JournalRecordHeader} of the SBE schema, then the command's SBE message:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            Chronicle document header (length, flags)          |  written by Chronicle
 *  +---------------------------------------------------------------+  record offset 0
 *  |                    Checksum (uint32, CRC32C)                  |  of bytes 4 .. end of command
 *  +-------------------------------+-------------------------------+
 *  |      Template Id (uint16)     |    Schema Version (uint16)    |  of the command message
 *  +-------------------------------+-------------------------------+
 *  |                        Sequence (int64)                       |  1, 2, 3, ... across restarts
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Stamp Millis (int64)                     |  engine time, epoch ms
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Command Length (uint32)                     |  bytes that follow
 *  +-------------------------------+-------------------------------+  record offset 28
 *  |   SBE Block Length (uint16)   |    SBE Template Id (uint16)   |  the command's messageHeader
 *  +-------------------------------+-------------------------------+
 *  |    SBE Schema Id (uint16)     |     SBE Version (uint16)      |
 *  +-------------------------------+-------------------------------+
 *  |    Command body: fixed fields, groups, UTF-8 strings         ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * All integers are little-endian. The checksum covers the header fields after it as well as the command, so a
 * flipped bit in a sequence or stamp is caught as surely as one in the command.
 * <p>
 * <b>Roll cycle.</b> {@link RollCycles#FAST_HOURLY}: one file an hour holding up to 2^32 records, which is
 * 1.19 million records a second sustained for the whole hour. {@code FAST_DAILY} has the same 2^32 records a
 * cycle but spread over a day that is only 49,710 a second, far below the million a second the engine aims
 * at; {@code LARGE_DAILY} would hold 1.59 million a second, but in a single file of several terabytes a day.
 * Hourly files stay a manageable size, and once a snapshot covers them whole hours can be archived or deleted.
 * The sparse index (one entry per 256 records) costs nothing here: the journal is only read sequentially.
 * <p>
 * <b>Durability.</b> An appended record is in the memory-mapped cycle file when {@link #append} returns, so
 * it survives the process being killed ({@link Durability#ASYNC}: {@link #endOfBatch} does nothing). With
 * {@link Durability#SYNC}, {@link #endOfBatch} forces the cycle file to the device with
 * {@code FileChannel.force(false)} ({@code fdatasync}), which on Linux writes every dirty page of the file,
 * those written through the mapping included; when the appender has moved to a new cycle file, the previous
 * file is forced first and the directory is forced so the new file's entry is durable too. When it returns,
 * every record appended before it survives power loss (given a device that honours flushes). A failure throws
 * {@link UncheckedIOException}: the batch is not durable and must not be acknowledged. Chronicle's own
 * {@code ExcerptAppender.sync()} was not used: it {@code msync}s only the currently mapped chunk from the last
 * synced position, so records of a batch that crossed a chunk boundary could be left out, and it logs an
 * {@code msync} failure instead of throwing.
 * <p>
 * <b>Opening after a crash.</b> Before Chronicle touches the files, {@link JournalRecovery} walks the newest
 * cycle files straight from their bytes: a torn tail (an incomplete document, a damaged last record or stray
 * bytes after it, with no whole record after the damage) is truncated with a warning ({@link #warnings()}), as
 * it was never acknowledged; damage with good records after it refuses to open with the file and offset.
 * Chronicle's own tailer is not trusted for this: it stops silently at an incomplete document, while its
 * appender writes after it, so every later record would be lost to replay. A small metadata document is then
 * appended to check that Chronicle writes where the records end.
 * <p>
 * Replay ({@link #replay}) reads the cycle files directly too ({@link JournalReader}); it happens before
 * appends start, on one thread; {@link #append} and {@link #endOfBatch} are then called by the journaler thread
 * only.
 */
public final class Journal implements AutoCloseable
{
    static
    {
        ChronicleSettings.apply();
    }

    /** The record header's length: the command message starts at this offset of the record. */
    static final int HEADER_LENGTH = JournalRecordHeaderEncoder.BLOCK_LENGTH;

    /** The checksum covers the record from this offset (just after the checksum itself) to its end. */
    static final int CHECKSUMMED_OFFSET = JournalRecordHeaderEncoder.templateIdEncodingOffset();

    /** The payload of the metadata document {@link #open} writes to check where the appender writes. */
    static final int PROBE = 0x50524F42;

    /** Enough for the largest command (64 KiB of strings, 200 lines) without growing. */
    static final int INITIAL_BUFFER_LENGTH = 256 * 1024;

    /** The roll cycle of a new journal; an existing journal keeps the one it was created with. */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_HOURLY;

    private final Path directory;
    private final Durability durability;
    private final RollCycle rollCycle;
    private final List<String> warnings = new ArrayList<>();
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final CommandCodec codec = new CommandCodec();
    private final JournalRecordHeaderEncoder header = new JournalRecordHeaderEncoder();
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(INITIAL_BUFFER_LENGTH);
    private final RecordChecksum checksum = new RecordChecksum();
    private ByteBuffer storeSource;
    private BytesStore<?, ?> store;

    private long lastSequence;
    private boolean unsynced;
    private long syncCount;
    private File syncFile;
    private FileChannel syncChannel;
    private boolean closed;

    private Journal(
        final Path directory, final Durability durability, final RollCycle rollCycle, final TimeProvider time)
    {
        this.directory = directory;
        this.durability = durability;
        this.rollCycle = rollCycle;
        final JournalRecovery.Result recovered = JournalRecovery.recover(directory, rollCycle, warnings::add);
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(rollCycle);
        if (time != null)
        {
            builder.timeProvider(time);
        }
        try
        {
            queue = builder.build();
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw unreadable(recovered, ex);
        }
        try
        {
            lastSequence = recovered.lastSequence();
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true);
            probe(recovered);
        }
        catch (final RuntimeException | AssertionError ex)
        {
            if (appender != null)
            {
                appender.close();
            }
            queue.close();
            throw ex instanceof JournalCorruptedException corrupted ? corrupted : unreadable(recovered, ex);
        }
    }

    /**
     * Chronicle itself failed (an exception, or one of its assertions when they are enabled) on files whose
     * records are whole: its own headers are damaged.
     */
    private JournalCorruptedException unreadable(final JournalRecovery.Result recovered, final Throwable ex)
    {
        final File file = recovered.lastFile() == null ? directory.toFile() : recovered.lastFile().toFile();
        return new JournalCorruptedException("bad journal file " + file + ": Chronicle Queue cannot open it (" + ex +
            "); its own header, from offset 0 to the first record, is damaged, nothing was appended", file, -1, 0);
    }

    /** Opens (creating if needed) the journal in {@code dir}. */
    public static Journal open(final Path dir, final Durability durability)
    {
        return open(dir, durability, ROLL_CYCLE, null);
    }

    /**
     * Opens the journal with a given roll cycle and, for tests, the clock Chronicle rolls files by (null: the
     * wall clock). A torn tail is truncated with a warning ({@link #warnings()}); other damage throws
     * {@link JournalCorruptedException} naming the file and offset (see {@link JournalRecovery}).
     */
    static Journal open(final Path dir, final Durability durability, final RollCycle rollCycle, final TimeProvider time)
    {
        if (durability == null)
        {
            throw new IllegalArgumentException("durability is required");
        }
        return new Journal(dir, durability, rollCycle, time);
    }

    /**
     * Reads the records after {@code afterSequence} of the journal in {@code dir} without opening it for
     * writing and without changing anything: for tools, also while an engine appends to it (an incomplete
     * document at the very end is an append in progress and ends the read). Checks every record as replay does.
     *
     * @return the sequence of the last record read (0 for an empty journal).
     * @throws JournalCorruptedException at the first bad record, naming its file and offset.
     */
    public static long readDirectory(final Path dir, final long afterSequence, final JournalListener listener)
    {
        return new JournalReader(ROLL_CYCLE).read(dir, afterSequence, listener, afterSequence == 0, true).lastSequence;
    }

    /**
     * The first and last sequence of the journal in {@code dir}, read and checked as {@link #readDirectory}
     * reads it; {@code {0, 0}} for an empty journal.
     */
    public static long[] sequenceRange(final Path dir)
    {
        final JournalReader.Summary summary =
            new JournalReader(ROLL_CYCLE).read(dir, 0, (sequence, stampMillis, command) -> { }, true, true);
        return new long[]{summary.firstSequence, summary.lastSequence};
    }

    /** Appends one command; returns its sequence number. */
    public long append(final Command command, final long stampMillis)
    {
        ensureOpen();
        final long sequence = lastSequence + 1;
        final int commandLength = codec.encode(command, buffer, HEADER_LENGTH);
        final int recordLength = HEADER_LENGTH + commandLength;
        header.wrap(buffer, 0)
            .templateId(command.type().templateId())
            .schemaVersion(MessageHeaderEncoder.SCHEMA_VERSION)
            .sequence(sequence)
            .stampMillis(stampMillis)
            .length(commandLength);
        header.checksum(checksum.compute(buffer, CHECKSUMMED_OFFSET, recordLength));
        write(recordLength);
        lastSequence = sequence;
        unsynced = true;
        return sequence;
    }

    /** Ends a batch: with {@link Durability#SYNC}, forces what was appended to disk. */
    public void endOfBatch()
    {
        if (durability != Durability.SYNC || !unsynced)
        {
            return;
        }
        ensureOpen();
        final File file = appender.currentFile();
        try
        {
            if (!file.equals(syncFile))
            {
                if (syncChannel != null)
                {
                    syncChannel.force(false);
                    syncChannel.close();
                    syncChannel = null;
                }
                syncChannel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
                syncFile = file;
                forceDirectory();
            }
            syncChannel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("journal: could not force " + file + " to disk", ex);
        }
        unsynced = false;
        syncCount++;
    }

    /** The sequence of the last record appended or replayed; 0 for an empty journal. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Reads every record after {@code afterSequence} in order, verifying checksums and sequence, and hands
     * each to {@code listener}. Cycle files wholly before the one holding {@code afterSequence + 1} are not read.
     * Throws {@link JournalCorruptedException} at the first bad record, naming its file and offset.
     *
     * @return the number of records replayed.
     */
    public long replay(final long afterSequence, final JournalListener listener)
    {
        ensureOpen();
        return new JournalReader(rollCycle).read(directory, afterSequence, listener, false, false).delivered;
    }

    /**
     * A tailer of this journal's records after {@code afterSequence}, for a follower on another thread: it
     * creates its Chronicle tailer on the thread that first polls it.
     */
    public JournalTailer tailer(final long afterSequence)
    {
        ensureOpen();
        return new JournalTailer(queue, afterSequence);
    }

    /**
     * Deletes the cycle files whose every record is at or before {@code coveredSequence} (a snapshot covers
     * them), oldest first, stopping at the first that holds a later record or whose successor's first record
     * cannot be read. The newest file is never deleted, nor any file a record after {@code coveredSequence} is
     * in. Safe while the journaler appends: it writes the newest file only.
     *
     * @return the files deleted.
     */
    public List<Path> deleteCyclesCoveredBy(final long coveredSequence)
    {
        ensureOpen();
        final List<Path> files = CycleFiles.list(directory);
        final List<Path> deleted = new ArrayList<>();
        final JournalWalker walker = new JournalWalker(rollCycle);
        for (int i = 0; i + 1 < files.size(); i++)
        {
            final JournalWalker.FileWalk next = walker.walk(files.get(i + 1), 0, Long.MAX_VALUE, null, true);
            if (next.problem != null || !next.hasRecords() || next.firstSequence > coveredSequence + 1)
            {
                break;
            }
            try
            {
                if (java.nio.file.Files.deleteIfExists(files.get(i)))
                {
                    deleted.add(files.get(i));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("journal: could not delete " + files.get(i), ex);
            }
        }
        if (!deleted.isEmpty())
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /**
     * What opening the journal had to say: one line for each torn tail it truncated, naming the file, the
     * offset and where the damaged bytes were saved. Empty when the journal was whole.
     */
    public List<String> warnings()
    {
        return Collections.unmodifiableList(warnings);
    }

    /** The roll cycle of the journal's files. */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /** The Chronicle Queue index of the last record, for metrics. */
    public long lastIndex()
    {
        ensureOpen();
        return queue.lastIndex();
    }

    /** The directory holding the queue's cycle files. */
    public Path directory()
    {
        return directory;
    }

    /** The durability the journal was opened with. */
    public Durability durability()
    {
        return durability;
    }

    /** How many times {@link #endOfBatch} has forced the journal to disk, for metrics. */
    public long syncCount()
    {
        return syncCount;
    }

    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            if (syncChannel != null)
            {
                syncChannel.close();
            }
        }
        catch (final IOException ignore)
        {
            // closing a read-only channel loses nothing
        }
        finally
        {
            if (store != null)
            {
                store.releaseLast();
            }
            appender.close();
            queue.close();
        }
    }

    private void write(final int recordLength)
    {
        final ByteBuffer current = buffer.byteBuffer();
        if (current != storeSource)
        {
            if (store != null)
            {
                store.releaseLast();
            }
            storeSource = current;
            store = BytesStore.wrap(current);
        }
        final DocumentContext dc = appender.writingDocument();
        try
        {
            dc.wire().bytes().write(store, 0L, recordLength);
        }
        catch (final RuntimeException | Error ex)
        {
            dc.rollbackOnClose();
            throw ex;
        }
        finally
        {
            dc.close();
        }
    }

    private void forceDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    /**
     * Writes a small Chronicle metadata document (which replay steps over) and checks that the appender put it
     * where the records end, as {@link JournalRecovery} found them: a damaged store header that would make the
     * appender write elsewhere, leaving records that no reader reaches, is refused here before any record is.
     */
    private void probe(final JournalRecovery.Result recovered)
    {
        final long position;
        try (DocumentContext dc = appender.writingDocument(true))
        {
            position = dc.wire().bytes().writePosition() - 4;
            dc.wire().bytes().writeInt(PROBE);
        }
        final File file = appender.currentFile();
        if (recovered.lastFile() != null && recovered.endOffset() >= 0 && file != null &&
            file.getAbsoluteFile().equals(recovered.lastFile().toFile().getAbsoluteFile()) &&
            position != recovered.endOffset())
        {
            throw new JournalCorruptedException("bad journal file " + file + ": its records end at offset " +
                recovered.endOffset() + " but Chronicle Queue's store header would append at offset " + position +
                ", where no reader would find the record: the file's header is damaged, nothing was appended",
                file, -1, recovered.endOffset());
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("journal is closed: " + directory);
        }
    }
}
