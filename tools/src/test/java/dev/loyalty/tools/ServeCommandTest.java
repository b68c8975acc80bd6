package dev.loyalty.tools;

import dev.loyalty.engine.journal.Durability;
import dev.loyalty.engine.journal.JournalRetention;
import dev.loyalty.engine.pipeline.PipelineStages;
import dev.loyalty.engine.pipeline.RingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loyalty serve}'s flags and environment variables, and the ways it refuses to start. No server stays up. */
class ServeCommandTest
{
    private static final String ADMIN_KEY = "adm_serve-command-test-0123456789";

    @TempDir
    Path dir;

    @Test
    void shouldServeOnPort8080FromDataWithAsyncDurabilityByDefault()
    {
        final ServeCommand serve = new Cli().parseServe();

        assertEquals("0.0.0.0", serve.host);
        assertEquals(8080, serve.port);
        assertEquals(Path.of("data"), serve.dataDir);
        assertEquals(Durability.ASYNC, serve.durability);
        assertEquals(4096, serve.ringSize);
        assertEquals(RingWaitStrategy.BLOCKING, serve.waitStrategy);
        assertEquals(PipelineStages.AUTO, serve.stages);
        assertEquals(1000, serve.tickIntervalMs);
        assertEquals(20, serve.maxOpenHolds);
        assertEquals(OnOff.ON, serve.snapshots);
        assertEquals(1_000_000, serve.snapshotEveryRecords);
        assertEquals(600, serve.snapshotEverySeconds);
        assertEquals(2, serve.snapshotsKept);
        assertEquals(32L << 20, serve.snapshotWriteBytesPerSecond);
        assertEquals(JournalRetention.KEEP_ALL, serve.journalRetention);
        assertEquals(1L << 30, serve.minFreeDiskBytes);
        assertEquals(1000, serve.diskCheckIntervalMs);
        assertEquals(1, serve.ioThreads);
        assertEquals(10_000, serve.maxConnections);
        assertEquals(64, serve.maxInFlight);
        assertEquals(64 * 1024, serve.maxBodyBytes);
        assertEquals(9090, serve.binaryPort);
        assertEquals(200, serve.maxLines);
        assertEquals(8192, serve.maxHeaderBytes);
        assertEquals(4096, serve.maxRequestLineBytes);
        assertEquals(10_000, serve.requestTimeoutMs);
        assertEquals(60_000, serve.idleTimeoutMs);
    }

    @Test
    void shouldTakeEverySettingFromItsFlag()
    {
        final ServeCommand serve = new Cli().parseServe(
            "--host", "127.0.0.1", "--port", "9090", "--binary-port", "9191", "--data-dir", "/var/lib/loyalty",
            "--durability", "sync",
            "--ring-size", "1024", "--wait-strategy", "yielding", "--stages", "single", "--tick-interval-ms", "250",
            "--max-open-holds", "5", "--snapshots", "off", "--snapshot-every-records", "500",
            "--snapshot-every-seconds", "30", "--snapshots-kept", "3", "--snapshot-write-bytes-per-second", "1048576",
            "--snapshot-nice", "17", "--journal-retention", "delete_covered",
            "--min-free-disk-bytes", "4096", "--disk-check-interval-ms", "100", "--io-threads", "2", "--max-connections", "100", "--max-in-flight", "8",
            "--max-body-bytes", "2048", "--max-lines", "50", "--max-header-bytes", "4096",
            "--max-request-line-bytes", "512", "--request-timeout-ms", "3000", "--idle-timeout-ms", "20000");

        assertSettings(serve);
    }

    @Test
    void shouldTakeEverySettingFromItsEnvironmentVariable()
    {
        final Map<String, String> env = new HashMap<>();
        env.put("LOYALTY_HOST", "127.0.0.1");
        env.put("LOYALTY_HTTP_PORT", "9090");
        env.put("LOYALTY_BINARY_PORT", "9191");
        env.put("LOYALTY_DATA_DIR", "/var/lib/loyalty");
        env.put("LOYALTY_DURABILITY", "SYNC");
        env.put("LOYALTY_RING_SIZE", "1024");
        env.put("LOYALTY_WAIT_STRATEGY", "YIELDING");
        env.put("LOYALTY_STAGES", "SINGLE");
        env.put("LOYALTY_TICK_INTERVAL_MS", "250");
        env.put("LOYALTY_MAX_OPEN_HOLDS", "5");
        env.put("LOYALTY_SNAPSHOTS", "OFF");
        env.put("LOYALTY_SNAPSHOT_EVERY_RECORDS", "500");
        env.put("LOYALTY_SNAPSHOT_EVERY_SECONDS", "30");
        env.put("LOYALTY_SNAPSHOTS_KEPT", "3");
        env.put("LOYALTY_SNAPSHOT_WRITE_BYTES_PER_SECOND", "1048576");
        env.put("LOYALTY_SNAPSHOT_NICE", "17");
        env.put("LOYALTY_JOURNAL_RETENTION", "DELETE_COVERED");
        env.put("LOYALTY_MIN_FREE_DISK_BYTES", "4096");
        env.put("LOYALTY_DISK_CHECK_INTERVAL_MS", "100");
        env.put("LOYALTY_IO_THREADS", "2");
        env.put("LOYALTY_MAX_CONNECTIONS", "100");
        env.put("LOYALTY_MAX_IN_FLIGHT", "8");
        env.put("LOYALTY_MAX_BODY_BYTES", "2048");
        env.put("LOYALTY_MAX_LINES", "50");
        env.put("LOYALTY_MAX_HEADER_BYTES", "4096");
        env.put("LOYALTY_MAX_REQUEST_LINE_BYTES", "512");
        env.put("LOYALTY_REQUEST_TIMEOUT_MS", "3000");
        env.put("LOYALTY_IDLE_TIMEOUT_MS", "20000");
        assertEquals(ServeCommand.VARIABLES.size(), env.size(), "one variable for each flag");

        assertSettings(new Cli(env).parseServe());
    }

    @Test
    void shouldPreferAFlagOverItsVariableAndAVariableOverTheDefault()
    {
        final ServeCommand serve = new Cli(Map.of("LOYALTY_HTTP_PORT", "9090", "LOYALTY_RING_SIZE", "64"))
            .parseServe("--port=7070");

        assertEquals(7070, serve.port);
        assertEquals(64, serve.ringSize);
        assertEquals(Durability.ASYNC, serve.durability);
    }

    @Test
    void shouldTreatAnEmptyVariableAsUnset()
    {
        assertEquals(8080, new Cli(Map.of("LOYALTY_HTTP_PORT", "")).parseServe().port);
    }

    @Test
    void shouldNameEveryFlagsVariableInItsHelp()
    {
        final Cli cli = new Cli();
        final List<OptionSpec> options = cli.commandLine().getSubcommands().get("serve").getCommandSpec().options();
        int settings = 0;
        for (final OptionSpec option : options)
        {
            if (option.usageHelp() || option.versionHelp())
            {
                continue;
            }
            final String variable = ServeCommand.VARIABLES.get(option.longestName());
            assertTrue(variable != null, option.longestName() + " has no environment variable");
            assertTrue(String.join(" ", option.description()).contains("[" + variable + "]"),
                option.longestName() + "'s help does not name " + variable);
            settings++;
        }
        assertEquals(ServeCommand.VARIABLES.size(), settings);

        assertEquals(ExitCodes.OK, cli.execute("serve", "--help"));
        assertTrue(cli.out().contains(ServeCommand.ADMIN_KEY_VARIABLE), cli.out());
    }

    @Test
    void shouldRefuseARingSizeThatIsNotAPowerOfTwo()
    {
        assertUsageError(Map.of(), "Invalid value for option '--ring-size': 1000 must be a power of two >= 16",
            "--ring-size", "1000");
    }

    @Test
    void shouldRefuseAPortOutOfRange()
    {
        assertUsageError(Map.of(), "Invalid value for option '--port': 70000 must be 0..65535", "--port", "70000");
        assertUsageError(Map.of(), "Invalid value for option '--binary-port': -2 must be -1 (none) or 0..65535",
            "--binary-port", "-2");
    }

    @Test
    void shouldRefuseLimitsBelowTheirMinimum()
    {
        assertUsageError(Map.of(), "'--io-threads': 0 must be >= 1", "--io-threads", "0");
        assertUsageError(Map.of(), "'--snapshot-nice': 20 must be 0..19", "--snapshot-nice", "20");
        assertUsageError(Map.of(), "'--snapshot-nice': -1 must be 0..19", "--snapshot-nice", "-1");
        assertUsageError(Map.of(), "'--max-body-bytes': 100 must be >= 1024", "--max-body-bytes", "100");
        assertUsageError(Map.of(), "'--max-in-flight': 0 must be >= 1", "--max-in-flight", "0");
        assertUsageError(Map.of(), "'--tick-interval-ms': 0 must be >= 1", "--tick-interval-ms", "0");
        assertUsageError(Map.of(), "'--idle-timeout-ms': 0 must be >= 1", "--idle-timeout-ms", "0");
    }

    @Test
    void shouldRefuseAnUnknownDurability()
    {
        assertUsageError(Map.of(), "Invalid value for option '--durability'", "--durability", "fast");
    }

    @Test
    void shouldRefuseAnUnknownFlag()
    {
        assertUsageError(Map.of(), "Unknown option: '--colour'", "--colour");
    }

    @Test
    void shouldNameTheVariableABadValueCameFrom()
    {
        assertUsageError(Map.of("LOYALTY_HTTP_PORT", "http"),
            "Invalid value for option '--port': 'http' is not an int " +
                "(from the environment variable LOYALTY_HTTP_PORT)");
        assertUsageError(Map.of("LOYALTY_RING_SIZE", "1000"),
            "1000 must be a power of two >= 16 (from the environment variable LOYALTY_RING_SIZE)");
    }

    @Test
    void shouldRefuseAnAdminKeyThatCannotWork()
    {
        assertUsageError(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, "short"),
            "LOYALTY_ADMIN_KEY must be 16-256 printable ASCII characters without spaces (it has 5)");
        assertUsageError(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, "a key with spaces in it"),
            "LOYALTY_ADMIN_KEY must be 16-256 printable ASCII characters");
    }

    @Test
    void shouldRefuseToStartOnACorruptedJournalNamingItsFileAndIndex() throws IOException
    {
        final Path dataDir = dir.resolve("data");
        JournalFiles.writeAdjustments(dataDir, "first", "BROKEN-RECORD", "third");
        final Path file = JournalFiles.flipByteOf(dataDir, "BROKEN-RECORD");
        final Cli cli = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));

        final int exitCode = cli.execute(
            "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString());

        assertEquals(ExitCodes.JOURNAL_CORRUPTED, exitCode);
        assertTrue(cli.err().startsWith("error: the journal cannot be replayed, so the engine did not start: " +
            "bad journal record in "), cli.err());
        assertTrue(cli.err().contains("checksum mismatch"), cli.err());
        assertTrue(cli.err().contains("  file:  " + file.toAbsolutePath()), cli.err());
        assertTrue(cli.err().contains("  offset: "), cli.err());
        assertTrue(cli.err().contains("  index: "), cli.err());
        assertFalse(cli.err().contains("\tat "), "no stack trace: " + cli.err());
        assertFalse(cli.out().contains("ready:"), cli.out());
    }

    @Test
    void shouldFailToStartWhenThePortIsTakenAndLeaveTheJournalClosed() throws IOException
    {
        final Path dataDir = dir.resolve("data");
        final Cli cli = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));
        final int exitCode;
        final int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = taken.getLocalPort();
            exitCode = cli.execute("serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--binary-port", "0", "--data-dir", dataDir.toString());
        }

        assertEquals(ExitCodes.FAILURE, exitCode);
        assertTrue(
            cli.err().startsWith("error: cannot start the HTTP gateway on 127.0.0.1:" + port + ": BindException"),
            cli.err());
        final Cli verify = new Cli();
        assertEquals(ExitCodes.OK, verify.execute("journal", "verify", "--data-dir", dataDir.toString()));
        assertEquals("records=0 lastSeq=0\n", verify.out());
    }

    @Test
    void shouldFailToStartWhenTheBinaryPortIsTakenAndLeaveTheJournalClosed() throws IOException
    {
        final Path dataDir = dir.resolve("data");
        final Cli cli = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));
        final int exitCode;
        final int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = taken.getLocalPort();
            exitCode = cli.execute("serve", "--host", "127.0.0.1", "--port", "0",
                "--binary-port", Integer.toString(port), "--data-dir", dataDir.toString());
        }

        assertEquals(ExitCodes.FAILURE, exitCode);
        assertTrue(cli.err().startsWith(
            "error: cannot start the binary protocol on 127.0.0.1:" + port + ": BindException"), cli.err());
        assertFalse(cli.out().contains("ready:"), cli.out());
        final Cli verify = new Cli();
        assertEquals(ExitCodes.OK, verify.execute("journal", "verify", "--data-dir", dataDir.toString()));
    }

    @Test
    void shouldFailToStartWhenTheDataDirectoryCannotBeCreated() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        final Cli cli = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));

        final int exitCode = cli.execute("serve", "--port", "0", "--data-dir", file.resolve("data").toString());

        assertEquals(ExitCodes.FAILURE, exitCode);
        assertTrue(cli.err().startsWith("error: cannot use the data directory " + file.resolve("data") + ": "),
            cli.err());
        assertFalse(cli.err().contains("\tat "), "no stack trace: " + cli.err());
    }

    private void assertUsageError(final Map<String, String> env, final String message, final String... flags)
    {
        final Path dataDir = dir.resolve("never-created");
        final Cli cli = new Cli(env);
        final String[] args = new String[flags.length + 3];
        args[0] = "serve";
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);

        assertEquals(ExitCodes.USAGE, cli.execute(args), cli.err());
        assertTrue(cli.err().contains(message), cli.err());
        assertTrue(cli.err().contains("Try 'loyalty serve --help' for more information."), cli.err());
        assertFalse(Files.exists(dataDir), "nothing may start on a usage error");
    }

    private static void assertSettings(final ServeCommand serve)
    {
        assertEquals("127.0.0.1", serve.host);
        assertEquals(9090, serve.port);
        assertEquals(9191, serve.binaryPort);
        assertEquals(Path.of("/var/lib/loyalty"), serve.dataDir);
        assertEquals(Durability.SYNC, serve.durability);
        assertEquals(1024, serve.ringSize);
        assertEquals(RingWaitStrategy.YIELDING, serve.waitStrategy);
        assertEquals(PipelineStages.SINGLE, serve.stages);
        assertEquals(250, serve.tickIntervalMs);
        assertEquals(5, serve.maxOpenHolds);
        assertEquals(OnOff.OFF, serve.snapshots);
        assertEquals(500, serve.snapshotEveryRecords);
        assertEquals(30, serve.snapshotEverySeconds);
        assertEquals(3, serve.snapshotsKept);
        assertEquals(1L << 20, serve.snapshotWriteBytesPerSecond);
        assertEquals(17, serve.snapshotNice);
        assertEquals(JournalRetention.DELETE_COVERED, serve.journalRetention);
        assertEquals(4096, serve.minFreeDiskBytes);
        assertEquals(100, serve.diskCheckIntervalMs);
        assertEquals(2, serve.ioThreads);
        assertEquals(100, serve.maxConnections);
        assertEquals(8, serve.maxInFlight);
        assertEquals(2048, serve.maxBodyBytes);
        assertEquals(50, serve.maxLines);
        assertEquals(4096, serve.maxHeaderBytes);
        assertEquals(512, serve.maxRequestLineBytes);
        assertEquals(3000, serve.requestTimeoutMs);
        assertEquals(20_000, serve.idleTimeoutMs);
    }
}
