package dev.loyalty.tools.load;

import dev.loyalty.tools.DataDirLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loyalty seed}: makes members {@code --first-member} to {@code --first-member + --members - 1}, each with
 * the card and phone {@link MemberNumbers} gives its index and a starting balance, so that {@code loadgen} can
 * name them by card. Online (the default) over HTTP against a running engine, pipelined over keep-alive
 * connections; {@code --offline} by appending the commands to a stopped engine's journal, which {@code serve}
 * then replays. Offline refuses a data directory whose lock another process (a running {@code serve}) holds.
 * Seeding a member again with the same prefixes is an idempotent replay.
 */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
        "Makes N members with a card, a phone and a starting balance, numbered so that loadgen can find them: " +
            "online over HTTP, or --offline into a stopped engine's journal.",
        "Exit codes: 0 every member seeded, 1 an error (counted by code) or the data directory is in use, " +
            "2 bad flag."})
public final class SeedCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--members", paramLabel = "N", description = "Members to make. Default: ${DEFAULT-VALUE}.")
    long members = 10_000;

    @Option(names = "--first-member", paramLabel = "INDEX",
        description = "The index of the first. Default: ${DEFAULT-VALUE}.")
    long firstMember = 1;

    @Option(names = "--points", paramLabel = "POINTS",
        description = "Each member's starting balance (an adjustment); 0 for none. Default: ${DEFAULT-VALUE}.")
    long points = 100_000;

    @Option(names = "--card-prefix", paramLabel = "PREFIX",
        description = "Cards are the prefix and the index in 9 digits. Default: ${DEFAULT-VALUE}.")
    String cardPrefix = MemberNumbers.DEFAULT_CARD_PREFIX;

    @Option(names = "--phone-prefix", paramLabel = "PREFIX",
        description = "Phones are the prefix and the index in 9 digits. Default: ${DEFAULT-VALUE}.")
    String phonePrefix = MemberNumbers.DEFAULT_PHONE_PREFIX;

    @Option(names = "--offline",
        description = "Append to the journal in --data-dir of a stopped engine instead of calling a running one.")
    boolean offline;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The engine's data directory: its journal (--offline) or its admin.key [LOYALTY_DATA_DIR]. " +
            "Default: ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("data");

    @Option(names = "--url", paramLabel = "URL",
        description = "Online: the engine's HTTP address. Default: ${DEFAULT-VALUE}.")
    URI url = URI.create("http://127.0.0.1:8080");

    @Option(names = "--key-file", paramLabel = "FILE",
        description = "Online: a file holding the admin key. Default: LOYALTY_ADMIN_KEY, else <data-dir>/admin.key.")
    Path keyFile;

    @Option(names = "--connections", paramLabel = "N",
        description = "Online: connections. Default: ${DEFAULT-VALUE}.")
    int connections = 4;

    @Option(names = "--pipeline", paramLabel = "K",
        description = "Online: members in flight per connection. Default: ${DEFAULT-VALUE}.")
    int pipeline = 32;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    /** The command, reading {@code environment} for the key and printing to {@code out} and {@code err}. */
    public SeedCommand(final Map<String, String> environment, final PrintStream out, final PrintStream err)
    {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Integer call()
    {
        final MemberNumbers numbers = numbers();
        final long startNs = System.nanoTime();
        final long last = firstMember + members - 1;
        out.printf("seeding members %,d to %,d (cards %s to %s, phones %s to %s), %,d points each, %s%n",
            firstMember, last, numbers.card(firstMember), numbers.card(last), numbers.phone(firstMember),
            numbers.phone(last), points, offline ? "offline into " + journalDir() : "online at " + url);
        out.flush();
        final int code = offline ? offline(numbers) : online(numbers);
        if (code == 0)
        {
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            out.printf("seeded %,d members in %.1f s: %,.0f members/s%n", members, seconds, members / seconds);
        }
        return code;
    }

    private int offline(final MemberNumbers numbers)
    {
        final Path dir = dataDir.toAbsolutePath().normalize();
        try
        {
            Files.createDirectories(dir);
        }
        catch (final Exception ex)
        {
            err.println("error: cannot use the data directory " + dir + ": " + ex.getMessage());
            return 1;
        }
        try (DataDirLock lock = DataDirLock.tryAcquire(dir))
        {
            if (lock == null)
            {
                err.println("error: " + dir + " is in use: an engine (loyalty serve) or another seed holds " +
                    dir.resolve(DataDirLock.FILE_NAME) + ". Stop it, or seed it online (without --offline).");
                return 1;
            }
            new OfflineSeeder(journalDir(), numbers, out).seed(firstMember, members, points);
            out.println("the journal has the members; 'loyalty serve --data-dir " + dataDir + "' replays them");
            return 0;
        }
        catch (final Exception ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
    }

    private int online(final MemberNumbers numbers)
    {
        try (Transport transport = new HttpTransport(url, KeySource.resolve(keyFile, environment, dataDir),
            HttpRequests.DEFAULT_STORE, null, 1))
        {
            final OnlineSeeder seeder = new OnlineSeeder(transport, numbers, out);
            final Map<String, Long> errors = seeder.seed(firstMember, members, points, connections, pipeline);
            if (!errors.isEmpty())
            {
                err.printf("error: %,d of %,d members seeded; errors by request and code:%n", seeder.seeded(), members);
                errors.forEach((k, v) -> err.printf("  %-60s %,d%n", k, v));
                return 1;
            }
            return 0;
        }
        catch (final Exception ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
    }

    private Path journalDir()
    {
        return dataDir.toAbsolutePath().normalize().resolve("journal");
    }

    private MemberNumbers numbers()
    {
        if (members < 1 || firstMember < 1 || firstMember + members - 1 > MemberNumbers.MAX_INDEX)
        {
            throw new ParameterException(spec.commandLine(), "--first-member and --members must give indices 1.." +
                MemberNumbers.MAX_INDEX);
        }
        if (points < 0 || connections < 1 || pipeline < 1)
        {
            throw new ParameterException(spec.commandLine(), "--points must be >= 0, --connections and " +
                "--pipeline >= 1");
        }
        try
        {
            return new MemberNumbers(cardPrefix, phonePrefix);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
