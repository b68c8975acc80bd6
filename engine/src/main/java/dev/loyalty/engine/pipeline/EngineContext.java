package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.JournalRetention;
import dev.loyalty.engine.time.EngineClock;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/** The engine's settings, set fluently and validated once by {@link LoyaltyEngine#start}. */
public final class EngineContext
{
    /** The largest {@link #snapshotNice}: the follower gets only what every other thread leaves idle. */
    public static final int MAX_SNAPSHOT_NICE = ThreadNice.MAX;

    private Path dataDir = Path.of("data");
    private Durability durability = Durability.ASYNC;
    private int ringBufferLength = 4096;
    private EngineClock clock = EngineClock.SYSTEM;
    private long tickIntervalMillis = 1000;
    private Consumer<Throwable> onHalt = t -> { };
    private int maxOpenHoldsPerMember = 20;
    private RingWaitStrategy waitStrategy = RingWaitStrategy.BLOCKING;
    private PipelineStages stages = PipelineStages.AUTO;
    private boolean snapshots = true;
    private long snapshotEveryRecords = 1_000_000;
    private long snapshotEveryMillis = 600_000;
    private int snapshotsKept = 2;
    private long snapshotWriteBytesPerSecond = 32L << 20;
    private int snapshotNice = 10;
    private JournalRetention journalRetention = JournalRetention.KEEP_ALL;
    private long minFreeDiskBytes = 1L << 30;
    private long diskCheckIntervalMillis = 1000;
    private FreeSpaceProbe freeSpaceProbe = FreeSpaceProbe.FILE_STORE;
    private Consumer<String> onWarning = warning -> System.err.println("loyalty: warning: " + warning);

    public Path dataDir()
    {
        return dataDir;
    }

    /** Where the journal and snapshots live: {@code dataDir/journal} and {@code dataDir/snapshots}. */
    public EngineContext dataDir(final Path dataDir)
    {
        this.dataDir = Objects.requireNonNull(dataDir);
        return this;
    }

    public Durability durability()
    {
        return durability;
    }

    public EngineContext durability(final Durability durability)
    {
        this.durability = Objects.requireNonNull(durability);
        return this;
    }

    public int ringBufferLength()
    {
        return ringBufferLength;
    }

    /** Slots in the ring; a power of two. */
    public EngineContext ringBufferLength(final int ringBufferLength)
    {
        this.ringBufferLength = ringBufferLength;
        return this;
    }

    public EngineClock clock()
    {
        return clock;
    }

    public EngineContext clock(final EngineClock clock)
    {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public long tickIntervalMillis()
    {
        return tickIntervalMillis;
    }

    /** How often the ticker checks whether time-driven work is due. */
    public EngineContext tickIntervalMillis(final long tickIntervalMillis)
    {
        this.tickIntervalMillis = tickIntervalMillis;
        return this;
    }

    public Consumer<Throwable> onHalt()
    {
        return onHalt;
    }

    /** Called once when the business logic throws and the engine stops on purpose. */
    public EngineContext onHalt(final Consumer<Throwable> onHalt)
    {
        this.onHalt = Objects.requireNonNull(onHalt);
        return this;
    }

    public int maxOpenHoldsPerMember()
    {
        return maxOpenHoldsPerMember;
    }

    /** Open (authorized, not yet captured or voided) purchases a member may have: API.md's 20 by default. */
    public EngineContext maxOpenHoldsPerMember(final int maxOpenHoldsPerMember)
    {
        this.maxOpenHoldsPerMember = maxOpenHoldsPerMember;
        return this;
    }

    public PipelineStages stages()
    {
        return stages;
    }

    /** How many threads carry a command through the ring; see {@link PipelineStages}. */
    public EngineContext stages(final PipelineStages stages)
    {
        this.stages = Objects.requireNonNull(stages);
        return this;
    }

    public RingWaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /** How the ring's stages wait for work; see {@link RingWaitStrategy}. */
    public EngineContext waitStrategy(final RingWaitStrategy waitStrategy)
    {
        this.waitStrategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    public boolean snapshots()
    {
        return snapshots;
    }

    /**
     * Whether a replaying follower takes snapshots (periodically and on request). It holds a second copy of the
     * state in memory. Off: recovery still uses the snapshots there are, and {@code loyalty snapshot} can write
     * one offline.
     */
    public EngineContext snapshots(final boolean snapshots)
    {
        this.snapshots = snapshots;
        return this;
    }

    public long snapshotEveryRecords()
    {
        return snapshotEveryRecords;
    }

    /** A snapshot after this many journal records since the last one; 0: not by count. */
    public EngineContext snapshotEveryRecords(final long snapshotEveryRecords)
    {
        this.snapshotEveryRecords = snapshotEveryRecords;
        return this;
    }

    public long snapshotEveryMillis()
    {
        return snapshotEveryMillis;
    }

    /** A snapshot this long after the last one, when records came since; 0: not by time. */
    public EngineContext snapshotEveryMillis(final long snapshotEveryMillis)
    {
        this.snapshotEveryMillis = snapshotEveryMillis;
        return this;
    }

    public int snapshotsKept()
    {
        return snapshotsKept;
    }

    /** How many snapshots are kept; older ones are deleted after a new one is written. */
    public EngineContext snapshotsKept(final int snapshotsKept)
    {
        this.snapshotsKept = snapshotsKept;
        return this;
    }

    public long snapshotWriteBytesPerSecond()
    {
        return snapshotWriteBytesPerSecond;
    }

    /**
     * How fast the snapshot follower writes a snapshot, in bytes a second of snapshot file; 0: as fast as it
     * can. The default, 32 MiB/s, is about half what one core encodes (a 154 MB snapshot of 1M members in ~5 s
     * instead of ~2.5 s), so the follower takes about half a core while it writes instead of a whole one, in
     * slices of about a millisecond.
     */
    public EngineContext snapshotWriteBytesPerSecond(final long snapshotWriteBytesPerSecond)
    {
        this.snapshotWriteBytesPerSecond = snapshotWriteBytesPerSecond;
        return this;
    }

    public int snapshotNice()
    {
        return snapshotNice;
    }

    /**
     * How much the snapshot follower's thread yields the CPU to the live pipeline: its Linux nice value, 0 (as
     * the pipeline's threads) to 19 (only what they leave idle), set with {@code setpriority} on that thread
     * alone; the threads it starts to load a snapshot inherit it. The default, 10, gives it about a tenth of
     * the share of a pipeline thread while they compete for a core: on 2 cores the follower, which applies every
     * command a second time and writes the snapshots, took as much CPU as the business logic and kept the
     * pipeline's stages off a core. A saturated engine's follower falls behind and catches up once the load
     * drops; its snapshots come later, never at the cost of an answer. Elsewhere than Linux it is not set (the
     * engine warns).
     */
    public EngineContext snapshotNice(final int snapshotNice)
    {
        this.snapshotNice = snapshotNice;
        return this;
    }

    public JournalRetention journalRetention()
    {
        return journalRetention;
    }

    /** Whether the journal's cycle files that the oldest kept snapshot covers are deleted. */
    public EngineContext journalRetention(final JournalRetention journalRetention)
    {
        this.journalRetention = Objects.requireNonNull(journalRetention);
        return this;
    }

    public long minFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    /**
     * Below this many free bytes on the journal's file store, journaled commands are refused with 503
     * {@code JOURNAL_UNAVAILABLE} (reads still answer) until space returns, and no snapshot is written; 0: off.
     */
    public EngineContext minFreeDiskBytes(final long minFreeDiskBytes)
    {
        this.minFreeDiskBytes = minFreeDiskBytes;
        return this;
    }

    public long diskCheckIntervalMillis()
    {
        return diskCheckIntervalMillis;
    }

    /** How often the free space of the journal's file store is checked. */
    public EngineContext diskCheckIntervalMillis(final long diskCheckIntervalMillis)
    {
        this.diskCheckIntervalMillis = diskCheckIntervalMillis;
        return this;
    }

    public FreeSpaceProbe freeSpaceProbe()
    {
        return freeSpaceProbe;
    }

    /** How free space is measured; tests inject a disk that fills and empties. */
    public EngineContext freeSpaceProbe(final FreeSpaceProbe freeSpaceProbe)
    {
        this.freeSpaceProbe = Objects.requireNonNull(freeSpaceProbe);
        return this;
    }

    public Consumer<String> onWarning()
    {
        return onWarning;
    }

    /**
     * Receives every warning: a torn journal tail truncated, a snapshot skipped or not written, the disk nearly
     * full and back, the snapshot follower stopping. Default: stderr.
     */
    public EngineContext onWarning(final Consumer<String> onWarning)
    {
        this.onWarning = Objects.requireNonNull(onWarning);
        return this;
    }

    void validate()
    {
        if (Integer.bitCount(ringBufferLength) != 1 || ringBufferLength < 16)
        {
            throw new IllegalArgumentException("ringBufferLength must be a power of two >= 16: " + ringBufferLength);
        }
        if (maxOpenHoldsPerMember < 1)
        {
            throw new IllegalArgumentException("maxOpenHoldsPerMember must be >= 1: " + maxOpenHoldsPerMember);
        }
        if (tickIntervalMillis < 1)
        {
            throw new IllegalArgumentException("tickIntervalMillis must be >= 1: " + tickIntervalMillis);
        }
        if (snapshotEveryRecords < 0 || snapshotEveryMillis < 0)
        {
            throw new IllegalArgumentException("snapshot intervals must be >= 0: " + snapshotEveryRecords +
                " records, " + snapshotEveryMillis + " ms");
        }
        if (snapshotsKept < 1)
        {
            throw new IllegalArgumentException("snapshotsKept must be >= 1: " + snapshotsKept);
        }
        if (snapshotWriteBytesPerSecond < 0)
        {
            throw new IllegalArgumentException("snapshotWriteBytesPerSecond must be >= 0: " +
                snapshotWriteBytesPerSecond);
        }
        if (snapshotNice < 0 || snapshotNice > MAX_SNAPSHOT_NICE)
        {
            throw new IllegalArgumentException("snapshotNice must be 0.." + MAX_SNAPSHOT_NICE + ": " + snapshotNice);
        }
        if (minFreeDiskBytes < 0)
        {
            throw new IllegalArgumentException("minFreeDiskBytes must be >= 0: " + minFreeDiskBytes);
        }
        if (diskCheckIntervalMillis < 1)
        {
            throw new IllegalArgumentException("diskCheckIntervalMillis must be >= 1: " + diskCheckIntervalMillis);
        }
    }
}
