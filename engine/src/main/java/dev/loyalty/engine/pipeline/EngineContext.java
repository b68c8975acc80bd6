package dev.loyalty.engine.pipeline;

import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.time.EngineClock;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/** The engine's settings, set fluently and validated once by {@link LoyaltyEngine#start}. */
public final class EngineContext
{
    private Path dataDir = Path.of("data");
    private Durability durability = Durability.ASYNC;
    private int ringBufferLength = 4096;
    private EngineClock clock = EngineClock.SYSTEM;
    private long tickIntervalMillis = 1000;
    private Consumer<Throwable> onHalt = t -> { };
    private int maxOpenHoldsPerMember = 20;
    private RingWaitStrategy waitStrategy = RingWaitStrategy.BLOCKING;

    public Path dataDir()
    {
        return dataDir;
    }

    /** Where the journal (and later snapshots) live; the journal is in {@code dataDir/journal}. */
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
    }
}
