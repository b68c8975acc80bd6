package dev.loyalty.tools;

import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.snapshot.SnapshotStore;
import dev.loyalty.gateway.GatewayContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loyalty snapshot}, offline and against a running engine, and {@code loyalty snapshot verify}. */
class SnapshotCommandTest
{
    private static final String ADMIN_KEY = "adm_snapshot-command-test-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void shouldBuildASnapshotOfTheWholeJournalOfflineThenFindItUpToDate()
    {
        JournalFiles.writeAdjustments(dataDir, "a", "b", "c");
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("snapshot", "--data-dir", dataDir.toString()));

        final Path file = new SnapshotStore(dataDir.resolve("snapshots")).fileFor(3);
        assertTrue(cli.out().startsWith("snapshot: wrote " + file.toAbsolutePath() + " (sequence 3, "), cli.out());
        final Cli again = new Cli();
        assertEquals(ExitCodes.OK, again.execute("snapshot", "--data-dir", dataDir.toString()));
        assertTrue(again.out().startsWith("snapshot: up to date: "), again.out());

        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir).snapshots(false)))
        {
            assertEquals(file.toAbsolutePath(), engine.recoveredSnapshot());
            assertEquals(0, engine.recoveredRecords());
        }
    }

    @Test
    void shouldVerifyEverySnapshotAndNameABadOne() throws IOException
    {
        JournalFiles.writeAdjustments(dataDir, "a", "b");
        assertEquals(ExitCodes.OK, new Cli().execute("snapshot", "--data-dir", dataDir.toString()));
        final Cli good = new Cli();

        assertEquals(ExitCodes.OK, good.execute("snapshot", "verify", "--data-dir", dataDir.toString()));

        final List<String> lines = good.out().lines().toList();
        assertEquals(2, lines.size(), good.out());
        assertTrue(lines.get(0).contains("sequence=2") && lines.get(0).contains("crc=ok journal ok"), lines.get(0));
        assertEquals("snapshots=1 bad=0", lines.get(1));

        final Path file = new SnapshotStore(dataDir.resolve("snapshots")).fileFor(2);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(raf.length() - 1);
            final int last = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(last ^ 1);
        }
        final Cli bad = new Cli();
        assertEquals(ExitCodes.JOURNAL_CORRUPTED, bad.execute("snapshot", "verify", "--data-dir", dataDir.toString()));
        assertTrue(bad.out().contains("error: snapshot " + file) && bad.out().contains("checksum mismatch"), bad.out());
        assertTrue(bad.out().endsWith("snapshots=1 bad=1\n"), bad.out());
    }

    @Test
    void shouldExitOneWithoutAJournal()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.FAILURE, cli.execute("snapshot", "--data-dir", dataDir.resolve("none").toString()));

        assertTrue(cli.err().startsWith("error: no journal directory"), cli.err());
        assertTrue(Files.notExists(dataDir.resolve("none").resolve("snapshots")));
    }

    @Test
    void shouldAskARunningEngineWithTheAdminKey()
    {
        final Server server = new Server();
        try
        {
            server.startEngine(new EngineContext().dataDir(dataDir));
            final int port = server.startGateway(new GatewayContext().bindAddress("127.0.0.1").httpPort(0)
                .dataDir(dataDir).adminKey(ADMIN_KEY)).port();
            final Cli cli = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY));

            assertEquals(ExitCodes.OK, cli.execute("snapshot", "--url", "http://127.0.0.1:" + port));

            assertTrue(cli.out().startsWith("snapshot: {\"sequence\":0,"), cli.out());
            final Cli wrongKey = new Cli(Map.of(ServeCommand.ADMIN_KEY_VARIABLE, "adm_not-the-key-0123456789"));
            assertEquals(ExitCodes.FAILURE, wrongKey.execute("snapshot", "--url", "http://127.0.0.1:" + port));
            assertTrue(wrongKey.err().startsWith("error: the engine answered 401"), wrongKey.err());
        }
        finally
        {
            server.close();
        }
    }
}
