package dev.loyalty.tools;

import dev.loyalty.engine.journal.Journal;
import dev.loyalty.engine.journal.JournalCorruptedException;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.SnapshotBuilder;
import dev.loyalty.engine.pipeline.SnapshotResult;
import dev.loyalty.engine.snapshot.InvalidSnapshotException;
import dev.loyalty.engine.snapshot.SnapshotFile;
import dev.loyalty.engine.snapshot.SnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loyalty snapshot}: writes a snapshot of a data directory's state. By default it builds one offline
 * ({@link SnapshotBuilder}: the newest usable snapshot plus the journal after it, read without writing to the
 * journal), which works whether or not an engine runs on the directory but needs as much memory as the engine's
 * state. With {@code --url} it asks a running engine instead ({@code POST /v1/admin/snapshot} with the admin key):
 * the engine's follower writes it from the copy of the state it already holds. {@code loyalty snapshot verify}
 * checks every snapshot file: header, length, checksum and that the journal holds the records after it.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Writes a snapshot of the state in <data-dir>/snapshots, offline from the journal, or by asking a running " +
            "engine with --url.",
        "Exit codes: 0 written (or already up to date), 1 no journal or no engine answered, 3 a bad journal record."})
final class SnapshotCommand implements Callable<Integer>
{
    private static final EngineContext DEFAULTS = new EngineContext();

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The engine's data directory [LOYALTY_DATA_DIR]. Default: ${DEFAULT-VALUE}.")
    Path dataDir = DEFAULTS.dataDir();

    @Option(names = "--max-open-holds", paramLabel = "N",
        description = "The engine's --max-open-holds: replaying the journal must apply the same rules " +
            "[LOYALTY_MAX_OPEN_HOLDS]. Default: ${DEFAULT-VALUE}.")
    int maxOpenHolds = DEFAULTS.maxOpenHoldsPerMember();

    @Option(names = "--snapshots-kept", paramLabel = "N",
        description = "Snapshots kept after this one is written [LOYALTY_SNAPSHOTS_KEPT]. Default: ${DEFAULT-VALUE}.")
    int snapshotsKept = DEFAULTS.snapshotsKept();

    @Option(names = "--url", paramLabel = "URL",
        description = "Ask the engine running at URL (e.g. http://127.0.0.1:8080) instead of building offline; the " +
            "admin key comes from LOYALTY_ADMIN_KEY or <data-dir>/admin.key.")
    URI url;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    SnapshotCommand(final Map<String, String> environment, final PrintStream out, final PrintStream err)
    {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Integer call() throws InterruptedException
    {
        return url != null ? ask() : build();
    }

    private int build()
    {
        final SnapshotResult result;
        try
        {
            result = SnapshotBuilder.build(dataDir.toAbsolutePath().normalize(), maxOpenHolds, snapshotsKept,
                warning -> err.println("warning: " + warning));
        }
        catch (final JournalCorruptedException ex)
        {
            err.println("error: the journal cannot be replayed, so no snapshot was written: " + ex.getMessage());
            return ExitCodes.JOURNAL_CORRUPTED;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("error: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
        out.println((result.written() ? "snapshot: wrote " : "snapshot: up to date: ") + result.file() +
            " (sequence " + result.journalSequence() + ", " + result.bytes() + " bytes" +
            (result.written() ? ", in " + result.writeMillis() + " ms" : "") + ")");
        return ExitCodes.OK;
    }

    private int ask() throws InterruptedException
    {
        final String key = adminKey();
        if (key == null)
        {
            err.println("error: no admin key: set " + ServeCommand.ADMIN_KEY_VARIABLE + " or keep it in " +
                dataDir.resolve(AdminKeyNotice.FILE_NAME));
            return ExitCodes.FAILURE;
        }
        final HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/admin/snapshot"))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        final HttpResponse<String> response;
        try
        {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            err.println("error: no engine answered at " + url + ": " + ex);
            return ExitCodes.FAILURE;
        }
        if (response.statusCode() != 200)
        {
            err.println("error: the engine answered " + response.statusCode() + ": " + response.body());
            return ExitCodes.FAILURE;
        }
        out.println("snapshot: " + response.body());
        return ExitCodes.OK;
    }

    private String adminKey()
    {
        final String key = environment.get(ServeCommand.ADMIN_KEY_VARIABLE);
        if (key != null && !key.isEmpty())
        {
            return key;
        }
        final Path file = dataDir.resolve(AdminKeyNotice.FILE_NAME);
        try
        {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** {@code loyalty snapshot verify}: checks every snapshot file, newest first. */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks every snapshot in <data-dir>/snapshots: header, length, CRC32C of the body, and that the journal " +
                "holds the records after it. One line each, newest first.",
            "Exit codes: 0 every snapshot good (or none), 1 no data directory, 3 a bad snapshot (named)."})
    static final class Verify implements Callable<Integer>
    {
        @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The engine's data directory [LOYALTY_DATA_DIR]. Default: ${DEFAULT-VALUE}.")
        Path dataDir = DEFAULTS.dataDir();

        private final PrintStream out;

        Verify(final PrintStream out)
        {
            this.out = out;
        }

        public Integer call()
        {
            if (!Files.isDirectory(dataDir))
            {
                out.println("error: no data directory " + dataDir);
                return ExitCodes.FAILURE;
            }
            final List<Path> snapshots = new SnapshotStore(dataDir.resolve("snapshots")).newestFirst();
            long[] journal = null;
            String journalProblem = null;
            try
            {
                journal = Journal.sequenceRange(dataDir.resolve("journal"));
            }
            catch (final JournalCorruptedException ex)
            {
                journalProblem = ex.getMessage();
            }
            int bad = 0;
            for (final Path file : snapshots)
            {
                try
                {
                    final SnapshotFile.Header header = SnapshotFile.verify(file);
                    final long sequence = header.journalSequence();
                    final String coverage;
                    if (journal == null)
                    {
                        coverage = "journal unreadable (" + journalProblem + ")";
                        bad++;
                    }
                    else if (sequence > journal[1])
                    {
                        coverage = "covers beyond the journal's end at sequence " + journal[1] + ": recovery skips it";
                        bad++;
                    }
                    else if (journal[0] > sequence + 1 && journal[1] > sequence)
                    {
                        coverage = "the journal starts at sequence " + journal[0] + ": the records after it are gone";
                        bad++;
                    }
                    else
                    {
                        coverage = "journal ok";
                    }
                    out.println(file + " sequence=" + sequence + " engineTime=" +
                        java.time.Instant.ofEpochMilli(header.engineTimeMillis()) + " bytes=" +
                        (SnapshotFile.HEADER_LENGTH + header.bodyLength()) + " crc=ok " + coverage);
                }
                catch (final InvalidSnapshotException ex)
                {
                    out.println("error: " + ex.getMessage());
                    bad++;
                }
            }
            out.println("snapshots=" + snapshots.size() + " bad=" + bad);
            return bad == 0 ? ExitCodes.OK : ExitCodes.JOURNAL_CORRUPTED;
        }
    }
}
