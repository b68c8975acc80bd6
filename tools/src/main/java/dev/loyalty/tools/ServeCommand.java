package dev.loyalty.tools;

import dev.loyalty.client.Protocol;
import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.JournalCorruptedException;
import dev.loyalty.engine.journal.JournalRetention;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.PipelineStages;
import dev.loyalty.engine.pipeline.RingWaitStrategy;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.HttpGateway;
import dev.loyalty.gateway.LeakDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loyalty serve}: recovers the engine from its journal, starts the HTTP gateway and the binary protocol
 * (docs/binary-protocol.md) on it and runs until SIGTERM or SIGINT, then closes the gateway and the engine. Every setting is a flag and an environment variable
 * ({@link #VARIABLES}); the admin key is an environment variable only, so that it never shows in {@code ps}.
 * Defaults are those of {@link EngineContext} and {@link GatewayContext}.
 * <p>
 * It holds the data directory's {@link DataDirLock} while it runs, so a second {@code serve} or a
 * {@code seed --offline} on the same directory is refused.
 * <p>
 * What it prints: the admin key once, when it is generated; one ready line with the address, data directory,
 * durability and what recovery replayed (and the snapshot it started from); every engine warning on stderr
 * ({@code warning: ...}: a torn journal tail truncated, a snapshot skipped, the disk nearly full); {@code stopped} after a clean shutdown. What it exits with: see
 * {@link ExitCodes}. A corrupted journal is one message naming the file and index, not a stack trace.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
        "Runs the engine and its HTTP gateway (and the binary protocol) until SIGTERM or SIGINT.",
        "Every flag has an environment variable (in brackets); a flag wins over its variable, the variable over " +
            "the default."},
    footer = {
        "",
        "Environment only:",
        "  LOYALTY_ADMIN_KEY  the admin key, 16-256 printable characters; never a flag, so that it does not show " +
            "in ps.",
        "                     Unset: the key in <data-dir>/admin.key, generated (and printed once) on first start.",
        "",
        "Exit codes: 0 stopped on request, 1 could not start (port taken, data directory unusable or in use), " +
            "2 bad flag or variable, 3 corrupted journal, " +
            "4 engine halted (a restart replays the journal)."})
final class ServeCommand implements Callable<Integer>
{
    /** The environment variable of each flag, by the flag's name. */
    static final Map<String, String> VARIABLES = variables();

    /** The admin key's environment variable; it has no flag. */
    static final String ADMIN_KEY_VARIABLE = "LOYALTY_ADMIN_KEY";

    private static final EngineContext ENGINE_DEFAULTS = new EngineContext();
    private static final GatewayContext GATEWAY_DEFAULTS = new GatewayContext();
    private static final int MIN_RING_SIZE = 16;
    private static final int MIN_BODY_BYTES = 1024;
    private static final int MIN_HEADER_BYTES = 1024;
    private static final int MIN_REQUEST_LINE_BYTES = 256;
    private static final int MIN_ADMIN_KEY_LENGTH = 16;
    private static final int MAX_ADMIN_KEY_LENGTH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS",
        description = "Address to listen on [LOYALTY_HOST]. Default: ${DEFAULT-VALUE}.")
    String host = GATEWAY_DEFAULTS.bindAddress();

    @Option(names = "--port", paramLabel = "PORT",
        description = "HTTP port; 0 picks a free one, printed in the ready line [LOYALTY_HTTP_PORT]. " +
            "Default: ${DEFAULT-VALUE}.")
    int port = GATEWAY_DEFAULTS.httpPort();

    @Option(names = "--binary-port", paramLabel = "PORT",
        description = "Binary protocol port (docs/binary-protocol.md), on the same address; 0 picks a free one, " +
            "-1 opens none [LOYALTY_BINARY_PORT]. Default: ${DEFAULT-VALUE}.")
    int binaryPort = Protocol.DEFAULT_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Directory of the journal and admin.key, created if missing [LOYALTY_DATA_DIR]. " +
            "Default: ${DEFAULT-VALUE} (in the working directory).")
    Path dataDir = ENGINE_DEFAULTS.dataDir();

    @Option(names = "--durability", paramLabel = "MODE",
        description = "ASYNC (or async): a command is in the memory-mapped journal before its answer leaves " +
            "(survives a killed process); SYNC: also forced to disk in groups (survives power loss) " +
            "[LOYALTY_DURABILITY]. Default: ${DEFAULT-VALUE}.")
    Durability durability = ENGINE_DEFAULTS.durability();

    @Option(names = "--ring-size", paramLabel = "SLOTS",
        description = "Slots in the engine's ring, a power of two >= 16; a full ring answers 503 " +
            "[LOYALTY_RING_SIZE]. Default: ${DEFAULT-VALUE}.")
    int ringSize = ENGINE_DEFAULTS.ringBufferLength();

    @Option(names = "--wait-strategy", paramLabel = "STRATEGY",
        description = "How the ring's stages wait for work: ${COMPLETION-CANDIDATES} (any case); blocking burns " +
            "no idle core, the others trade cores for latency [LOYALTY_WAIT_STRATEGY]. Default: ${DEFAULT-VALUE}.")
    RingWaitStrategy waitStrategy = ENGINE_DEFAULTS.waitStrategy();

    @Option(names = "--stages", paramLabel = "STAGES",
        description = "Threads that carry a command through the ring: parallel (journaler and business logic " +
            "side by side, then a replier), single (one thread journals, applies and answers each command), or " +
            "auto: single for an async journal on a machine of at most 2 cores, else parallel [LOYALTY_STAGES]. " +
            "Default: ${DEFAULT-VALUE}.")
    PipelineStages stages = ENGINE_DEFAULTS.stages();

    @Option(names = "--tick-interval-ms", paramLabel = "MS",
        description = "How often the engine looks for due hold timeouts, activations and expiries " +
            "[LOYALTY_TICK_INTERVAL_MS]. Default: ${DEFAULT-VALUE}.")
    long tickIntervalMs = ENGINE_DEFAULTS.tickIntervalMillis();

    @Option(names = "--max-open-holds", paramLabel = "N",
        description = "Authorized, not yet captured or voided purchases a member may have; one more is 422 " +
            "TOO_MANY_HOLDS [LOYALTY_MAX_OPEN_HOLDS]. Default: ${DEFAULT-VALUE}.")
    int maxOpenHolds = ENGINE_DEFAULTS.maxOpenHoldsPerMember();

    @Option(names = "--snapshots", paramLabel = "ON|OFF",
        description = "ON: a replaying follower (a second copy of the state in memory) writes snapshots to " +
            "<data-dir>/snapshots, periodically and on POST /v1/admin/snapshot; recovery starts from the newest " +
            "good one [LOYALTY_SNAPSHOTS]. Default: ${DEFAULT-VALUE}.")
    OnOff snapshots = ENGINE_DEFAULTS.snapshots() ? OnOff.ON : OnOff.OFF;

    @Option(names = "--snapshot-every-records", paramLabel = "N",
        description = "A snapshot after this many journal records since the last; 0: not by count " +
            "[LOYALTY_SNAPSHOT_EVERY_RECORDS]. Default: ${DEFAULT-VALUE}.")
    long snapshotEveryRecords = ENGINE_DEFAULTS.snapshotEveryRecords();

    @Option(names = "--snapshot-every-seconds", paramLabel = "S",
        description = "A snapshot this long after the last, when records came since; 0: not by time " +
            "[LOYALTY_SNAPSHOT_EVERY_SECONDS]. Default: ${DEFAULT-VALUE}.")
    long snapshotEverySeconds = ENGINE_DEFAULTS.snapshotEveryMillis() / 1000;

    @Option(names = "--snapshots-kept", paramLabel = "N",
        description = "Snapshots kept; older ones are deleted after a new one is written [LOYALTY_SNAPSHOTS_KEPT]. " +
            "Default: ${DEFAULT-VALUE}.")
    int snapshotsKept = ENGINE_DEFAULTS.snapshotsKept();

    @Option(names = "--snapshot-write-bytes-per-second", paramLabel = "B",
        description = "How fast the snapshot follower writes a snapshot beside the live pipeline, in bytes a second; " +
            "0: as fast as it can [LOYALTY_SNAPSHOT_WRITE_BYTES_PER_SECOND]. Default: ${DEFAULT-VALUE}.")
    long snapshotWriteBytesPerSecond = ENGINE_DEFAULTS.snapshotWriteBytesPerSecond();

    @Option(names = "--snapshot-nice", paramLabel = "N",
        description = "The snapshot follower thread's Linux nice value, 0 (as the pipeline) to 19: it yields the " +
            "CPU to the live pipeline and falls behind while the cores are saturated [LOYALTY_SNAPSHOT_NICE]. " +
            "Default: ${DEFAULT-VALUE}.")
    int snapshotNice = ENGINE_DEFAULTS.snapshotNice();

    @Option(names = "--journal-retention", paramLabel = "POLICY",
        description = "KEEP_ALL: the journal keeps every command; DELETE_COVERED: after each snapshot, cycle files " +
            "the oldest kept snapshot covers are deleted [LOYALTY_JOURNAL_RETENTION]. Default: ${DEFAULT-VALUE}.")
    JournalRetention journalRetention = ENGINE_DEFAULTS.journalRetention();

    @Option(names = "--min-free-disk-bytes", paramLabel = "BYTES",
        description = "Below this much free space on the journal's disk, changes are refused with 503 " +
            "JOURNAL_UNAVAILABLE (reads still answer) until space returns; 0: off [LOYALTY_MIN_FREE_DISK_BYTES]. " +
            "Default: ${DEFAULT-VALUE}.")
    long minFreeDiskBytes = ENGINE_DEFAULTS.minFreeDiskBytes();

    @Option(names = "--disk-check-interval-ms", paramLabel = "MS",
        description = "How often the journal's free disk space is checked [LOYALTY_DISK_CHECK_INTERVAL_MS]. " +
            "Default: ${DEFAULT-VALUE}.")
    long diskCheckIntervalMs = ENGINE_DEFAULTS.diskCheckIntervalMillis();

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Netty event-loop threads [LOYALTY_IO_THREADS]. Default: ${DEFAULT-VALUE}.")
    int ioThreads = GATEWAY_DEFAULTS.ioThreads();

    @Option(names = "--max-connections", paramLabel = "N",
        description = "Open connections; one more is answered 503 OVERLOADED and closed " +
            "[LOYALTY_MAX_CONNECTIONS]. Default: ${DEFAULT-VALUE}.")
    int maxConnections = GATEWAY_DEFAULTS.maxConnections();

    @Option(names = "--max-in-flight", paramLabel = "N",
        description = "Requests one connection may have in the engine; beyond it the gateway stops reading that " +
            "connection until answers go out [LOYALTY_MAX_IN_FLIGHT]. Default: ${DEFAULT-VALUE}.")
    int maxInFlight = GATEWAY_DEFAULTS.maxInFlightPerConnection();

    @Option(names = "--max-body-bytes", paramLabel = "BYTES",
        description = "Largest request body and binary frame, >= 1024; a larger one is 413 PAYLOAD_TOO_LARGE " +
            "[LOYALTY_MAX_BODY_BYTES]. Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes = GATEWAY_DEFAULTS.maxBodyBytes();

    @Option(names = "--max-lines", paramLabel = "N",
        description = "Lines a purchase may have; more is 400 INVALID_REQUEST [LOYALTY_MAX_LINES]. " +
            "Default: ${DEFAULT-VALUE}.")
    int maxLines = GATEWAY_DEFAULTS.maxLines();

    @Option(names = "--max-header-bytes", paramLabel = "BYTES",
        description = "Largest header block, >= 1024; a larger one is 431 HEADERS_TOO_LARGE " +
            "[LOYALTY_MAX_HEADER_BYTES]. Default: ${DEFAULT-VALUE}.")
    int maxHeaderBytes = GATEWAY_DEFAULTS.maxHeaderBytes();

    @Option(names = "--max-request-line-bytes", paramLabel = "BYTES",
        description = "Longest request line (method, path and query), >= 256 [LOYALTY_MAX_REQUEST_LINE_BYTES]. " +
            "Default: ${DEFAULT-VALUE}.")
    int maxRequestLineBytes = GATEWAY_DEFAULTS.maxInitialLineBytes();

    @Option(names = "--request-timeout-ms", paramLabel = "MS",
        description = "How long a request's head and body may take to arrive from its first byte; a slower " +
            "connection is closed [LOYALTY_REQUEST_TIMEOUT_MS]. Default: ${DEFAULT-VALUE}.")
    long requestTimeoutMs = GATEWAY_DEFAULTS.requestTimeoutMillis();

    @Option(names = "--idle-timeout-ms", paramLabel = "MS",
        description = "How long a keep-alive connection with nothing in flight may stay silent before it is " +
            "closed [LOYALTY_IDLE_TIMEOUT_MS]. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutMs = GATEWAY_DEFAULTS.idleTimeoutMillis();

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(final Map<String, String> environment, final PrintStream out, final PrintStream err)
    {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Integer call() throws InterruptedException
    {
        final String adminKey = adminKey();
        validate();
        LeakDetection.offUnlessAsked();
        final Path dir = dataDir.toAbsolutePath().normalize();
        final String unusable = unusable(dir);
        if (unusable != null)
        {
            err.println("error: cannot use the data directory " + dir + ": " + unusable);
            return ExitCodes.FAILURE;
        }
        final DataDirLock lock;
        try
        {
            lock = DataDirLock.tryAcquire(dir);
        }
        catch (final IOException ex)
        {
            err.println("error: cannot use the data directory " + dir + ": " + describe(ex));
            return ExitCodes.FAILURE;
        }
        if (lock == null)
        {
            err.println("error: the data directory " + dir + " is in use by another loyalty serve or seed (it " +
                "holds " + dir.resolve(DataDirLock.FILE_NAME) + ")");
            return ExitCodes.FAILURE;
        }
        try
        {
            return serve(dir, adminKey);
        }
        finally
        {
            lock.close();
        }
    }

    private int serve(final Path dir, final String adminKey) throws InterruptedException
    {
        final EngineContext engineCtx = engineContext(dir);
        final GatewayContext gatewayCtx = gatewayContext(dir, adminKey);
        final Server server = new Server();

        final LoyaltyEngine engine;
        try
        {
            engine = server.startEngine(engineCtx);
        }
        catch (final JournalCorruptedException ex)
        {
            err.println("error: the journal cannot be replayed, so the engine did not start: " + ex.getMessage());
            if (ex.file() != null)
            {
                err.println("  file:  " + ex.file());
                if (ex.offset() >= 0)
                {
                    err.println("  offset: " + ex.offset());
                }
                if (ex.index() >= 0)
                {
                    err.println("  index: " + ex.index() + " (0x" + Long.toHexString(ex.index()) + ")");
                }
            }
            err.println("  Nothing was changed. 'loyalty journal verify --data-dir " + dir + "' checks it again.");
            return ExitCodes.JOURNAL_CORRUPTED;
        }
        catch (final RuntimeException ex)
        {
            err.println("error: the engine could not recover from " + dir + ": " + ex);
            ex.printStackTrace(err);
            return ExitCodes.FAILURE;
        }

        final HttpGateway gateway;
        try
        {
            gateway = server.startGateway(gatewayCtx);
        }
        catch (final UncheckedIOException ex)
        {
            server.close();
            err.println("error: cannot start the binary protocol on " + host + ":" + binaryPort + ": " +
                describe(ex.getCause()));
            return ExitCodes.FAILURE;
        }
        catch (final Exception ex)
        {
            server.close();
            err.println("error: cannot start the HTTP gateway on " + host + ":" + port + ": " + describe(ex));
            return ExitCodes.FAILURE;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(
            () ->
            {
                if (server.close())
                {
                    out.println("stopped");
                    out.flush();
                }
            },
            "loyalty-shutdown"));

        final String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        out.println("ready: listening on http://" + address + ":" + gateway.port() +
            (gateway.binaryPort() >= 0 ? ", binary on " + address + ":" + gateway.binaryPort() : ", binary off") +
            ", data in " + dir +
            ", durability " + durability.name().toLowerCase(Locale.ROOT) +
            ", stages " + engine.stages().name().toLowerCase(Locale.ROOT) +
            ", recovered " + engine.recoveredRecords() + " records in " + engine.recoveryMillis() + " ms" +
            (engine.recoveredSnapshot() == null ? "" :
                " after the snapshot of sequence " + engine.recoveredSnapshotSequence()) +
            (adminKey != null ? ", admin key from " + ADMIN_KEY_VARIABLE :
                ", admin key in " + dir.resolve(AdminKeyNotice.FILE_NAME)));
        out.flush();

        final Throwable cause = server.awaitHalt();
        err.println("error: the engine halted on an internal error and stops now; restart it to replay the " +
            "journal: " + cause);
        cause.printStackTrace(err);
        err.flush();
        server.close();
        return ExitCodes.ENGINE_HALTED;
    }

    private EngineContext engineContext(final Path dir)
    {
        return new EngineContext()
            .dataDir(dir)
            .durability(durability)
            .ringBufferLength(ringSize)
            .waitStrategy(waitStrategy)
            .stages(stages)
            .tickIntervalMillis(tickIntervalMs)
            .maxOpenHoldsPerMember(maxOpenHolds)
            .snapshots(snapshots == OnOff.ON)
            .snapshotEveryRecords(snapshotEveryRecords)
            .snapshotEveryMillis(snapshotEverySeconds * 1000)
            .snapshotsKept(snapshotsKept)
            .snapshotWriteBytesPerSecond(snapshotWriteBytesPerSecond)
            .snapshotNice(snapshotNice)
            .journalRetention(journalRetention)
            .minFreeDiskBytes(minFreeDiskBytes)
            .diskCheckIntervalMillis(diskCheckIntervalMs)
            .onWarning(warning ->
            {
                err.println("warning: " + warning);
                err.flush();
            });
    }

    private GatewayContext gatewayContext(final Path dir, final String adminKey)
    {
        return new GatewayContext()
            .bindAddress(host)
            .httpPort(port)
            .binaryPort(binaryPort)
            .ioThreads(ioThreads)
            .maxConnections(maxConnections)
            .maxInFlightPerConnection(maxInFlight)
            .maxBodyBytes(maxBodyBytes)
            .maxLines(maxLines)
            .maxHeaderBytes(maxHeaderBytes)
            .maxInitialLineBytes(maxRequestLineBytes)
            .requestTimeoutMillis(requestTimeoutMs)
            .idleTimeoutMillis(idleTimeoutMs)
            .dataDir(dir)
            .adminKey(adminKey)
            .onAdminKeyGenerated(key -> AdminKeyNotice.print(out, key, dir));
    }

    /** The admin key from the environment, or null; a key that cannot work is a usage error. */
    private String adminKey()
    {
        final String key = environment.get(ADMIN_KEY_VARIABLE);
        if (key == null || key.isEmpty())
        {
            return null;
        }
        boolean printable = true;
        for (int i = 0; i < key.length(); i++)
        {
            final char c = key.charAt(i);
            printable &= c > ' ' && c < 0x7f;
        }
        if (!printable || key.length() < MIN_ADMIN_KEY_LENGTH || key.length() > MAX_ADMIN_KEY_LENGTH)
        {
            throw new ParameterException(spec.commandLine(), ADMIN_KEY_VARIABLE + " must be " +
                MIN_ADMIN_KEY_LENGTH + "-" + MAX_ADMIN_KEY_LENGTH + " printable ASCII characters without spaces" +
                " (it has " + key.length() + ")");
        }
        return key;
    }

    /** The checks {@link EngineContext} and {@link GatewayContext} would make, as usage errors naming the flag. */
    private void validate()
    {
        if (host.isBlank())
        {
            invalid("--host", host, "an address is required");
        }
        if (port < 0 || port > 65_535)
        {
            invalid("--port", port, "must be 0..65535");
        }
        if (binaryPort < -1 || binaryPort > 65_535)
        {
            invalid("--binary-port", binaryPort, "must be -1 (none) or 0..65535");
        }
        if (Integer.bitCount(ringSize) != 1 || ringSize < MIN_RING_SIZE)
        {
            invalid("--ring-size", ringSize, "must be a power of two >= " + MIN_RING_SIZE);
        }
        atLeast("--tick-interval-ms", tickIntervalMs, 1);
        atLeast("--max-open-holds", maxOpenHolds, 1);
        atLeast("--snapshot-every-records", snapshotEveryRecords, 0);
        atLeast("--snapshot-every-seconds", snapshotEverySeconds, 0);
        atLeast("--snapshots-kept", snapshotsKept, 1);
        atLeast("--snapshot-write-bytes-per-second", snapshotWriteBytesPerSecond, 0);
        if (snapshotNice < 0 || snapshotNice > EngineContext.MAX_SNAPSHOT_NICE)
        {
            invalid("--snapshot-nice", snapshotNice, "must be 0.." + EngineContext.MAX_SNAPSHOT_NICE);
        }
        atLeast("--min-free-disk-bytes", minFreeDiskBytes, 0);
        atLeast("--disk-check-interval-ms", diskCheckIntervalMs, 1);
        atLeast("--io-threads", ioThreads, 1);
        atLeast("--max-connections", maxConnections, 1);
        atLeast("--max-in-flight", maxInFlight, 1);
        atLeast("--max-body-bytes", maxBodyBytes, MIN_BODY_BYTES);
        atLeast("--max-lines", maxLines, 1);
        atLeast("--max-header-bytes", maxHeaderBytes, MIN_HEADER_BYTES);
        atLeast("--max-request-line-bytes", maxRequestLineBytes, MIN_REQUEST_LINE_BYTES);
        atLeast("--request-timeout-ms", requestTimeoutMs, 1);
        atLeast("--idle-timeout-ms", idleTimeoutMs, 1);
    }

    private void atLeast(final String option, final long value, final long min)
    {
        if (value < min)
        {
            invalid(option, value, "must be >= " + min);
        }
    }

    private void invalid(final String option, final Object value, final String problem)
    {
        throw new ParameterException(spec.commandLine(),
            "Invalid value for option '" + option + "': " + value + " " + problem,
            spec.findOption(option), String.valueOf(value));
    }

    /** Why the data directory cannot hold a journal (created if missing), or null when it can. */
    private static String unusable(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException | SecurityException ex)
        {
            return describe(ex);
        }
        return Files.isWritable(dir) ? null : "not writable";
    }

    private static String describe(final Exception ex)
    {
        final String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " + message;
    }

    private static Map<String, String> variables()
    {
        final Map<String, String> v = new LinkedHashMap<>();
        v.put("--host", "LOYALTY_HOST");
        v.put("--port", "LOYALTY_HTTP_PORT");
        v.put("--binary-port", "LOYALTY_BINARY_PORT");
        v.put("--data-dir", "LOYALTY_DATA_DIR");
        v.put("--durability", "LOYALTY_DURABILITY");
        v.put("--ring-size", "LOYALTY_RING_SIZE");
        v.put("--wait-strategy", "LOYALTY_WAIT_STRATEGY");
        v.put("--stages", "LOYALTY_STAGES");
        v.put("--tick-interval-ms", "LOYALTY_TICK_INTERVAL_MS");
        v.put("--max-open-holds", "LOYALTY_MAX_OPEN_HOLDS");
        v.put("--snapshots", "LOYALTY_SNAPSHOTS");
        v.put("--snapshot-every-records", "LOYALTY_SNAPSHOT_EVERY_RECORDS");
        v.put("--snapshot-every-seconds", "LOYALTY_SNAPSHOT_EVERY_SECONDS");
        v.put("--snapshots-kept", "LOYALTY_SNAPSHOTS_KEPT");
        v.put("--snapshot-write-bytes-per-second", "LOYALTY_SNAPSHOT_WRITE_BYTES_PER_SECOND");
        v.put("--snapshot-nice", "LOYALTY_SNAPSHOT_NICE");
        v.put("--journal-retention", "LOYALTY_JOURNAL_RETENTION");
        v.put("--min-free-disk-bytes", "LOYALTY_MIN_FREE_DISK_BYTES");
        v.put("--disk-check-interval-ms", "LOYALTY_DISK_CHECK_INTERVAL_MS");
        v.put("--io-threads", "LOYALTY_IO_THREADS");
        v.put("--max-connections", "LOYALTY_MAX_CONNECTIONS");
        v.put("--max-in-flight", "LOYALTY_MAX_IN_FLIGHT");
        v.put("--max-body-bytes", "LOYALTY_MAX_BODY_BYTES");
        v.put("--max-lines", "LOYALTY_MAX_LINES");
        v.put("--max-header-bytes", "LOYALTY_MAX_HEADER_BYTES");
        v.put("--max-request-line-bytes", "LOYALTY_MAX_REQUEST_LINE_BYTES");
        v.put("--request-timeout-ms", "LOYALTY_REQUEST_TIMEOUT_MS");
        v.put("--idle-timeout-ms", "LOYALTY_IDLE_TIMEOUT_MS");
        return Collections.unmodifiableMap(v);
    }
}
