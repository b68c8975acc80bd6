package dev.loyalty.tools.load;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code loyalty loadgen}: drives a running engine with a mix of checkout operations over a seeded member
 * population ({@code loyalty seed}), checks every answer, and reports throughput and latency percentiles
 * (HdrHistogram, from each request's intended send time) per request type. Open loop at {@code --rate} requests a
 * second, or closed loop ({@code --rate 0}) with {@code --pipeline} in flight per connection. Exit 0 when every
 * answer was right and every request answered, 1 otherwise, 2 for a bad flag.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
        "Drives a running engine with checkouts over seeded members (loyalty seed), checks every answer, and " +
            "reports throughput and latency percentiles (from each request's intended send time).",
        "Exit codes: 0 every answer right, 1 a wrong answer or a request without one (or it could not start), " +
            "2 bad flag."})
public final class LoadgenCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
        description = "The engine's HTTP address (with --protocol binary: its host, and where the program's terms " +
            "are read). Default: ${DEFAULT-VALUE}.")
    URI url = URI.create("http://127.0.0.1:8080");

    @Option(names = "--protocol", paramLabel = "PROTOCOL",
        description = "${COMPLETION-CANDIDATES} (the binary protocol on --url's host at --binary-port). " +
            "Default: ${DEFAULT-VALUE}.")
    Protocol protocol = Protocol.HTTP;

    @Option(names = "--binary-port", paramLabel = "PORT",
        description = "--protocol binary: the engine's binary port (loyalty serve --binary-port). " +
            "Default: ${DEFAULT-VALUE}.")
    int binaryPort = dev.loyalty.client.Protocol.DEFAULT_PORT;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
        description = "New flows per second over all connections, on a fixed schedule (open loop); 0: as fast as " +
            "answers come, --pipeline in flight per connection (closed loop). Default: ${DEFAULT-VALUE}.")
    long rate = 1000;

    @Option(names = "--connections", paramLabel = "N", description = "Connections. Default: ${DEFAULT-VALUE}.")
    int connections = 16;

    @Option(names = "--pipeline", paramLabel = "K",
        description = "Closed loop: flows each connection keeps in flight. Default: ${DEFAULT-VALUE}.")
    int pipeline = 8;

    @Option(names = "--max-outstanding", paramLabel = "N",
        description = "Open loop: requests a connection may have unanswered; beyond it sending waits and the " +
            "requests keep their intended times. Default: ${DEFAULT-VALUE}.")
    int maxOutstanding = 256;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Measured time after the warm-up: 500ms, 30s, 2m. Default: 30s.")
    long durationNs = TimeUnit.SECONDS.toNanos(30);

    @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Sent and checked first, not measured. Default: 5s.")
    long warmupNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--mix", paramLabel = "OP=WEIGHT,...",
        description = "Operations and their weights: authorize-capture, one-shot, refund (of an earlier one-shot), " +
            "calculate, lookup. Default: ${DEFAULT-VALUE}.")
    String mix = Mix.DEFAULT;

    @Option(names = "--members", paramLabel = "N",
        description = "Seeded members to draw from: indices --first-member to --first-member + N - 1. " +
            "Default: ${DEFAULT-VALUE}.")
    long members = 10_000;

    @Option(names = "--first-member", paramLabel = "INDEX",
        description = "The index of the first member to draw. Default: ${DEFAULT-VALUE}.")
    long firstMember = 1;

    @Option(names = "--card-prefix", paramLabel = "PREFIX",
        description = "The card prefix the members were seeded with. Default: ${DEFAULT-VALUE}.")
    String cardPrefix = MemberNumbers.DEFAULT_CARD_PREFIX;

    @Option(names = "--store", paramLabel = "STORE_ID",
        description = "The store of every purchase. Default: ${DEFAULT-VALUE}.")
    String store = HttpRequests.DEFAULT_STORE;

    @Option(names = "--redeem-percent", paramLabel = "PERCENT",
        description = "Cheques that pay 10-100 points (within the program's cap). Default: ${DEFAULT-VALUE}.")
    int redeemPercent = 20;

    @Option(names = "--random-seed", paramLabel = "N",
        description = "Seed of the random draws (members, cheques, operations). Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--run-id", paramLabel = "ID",
        description = "Starts every txId, so that runs do not collide. Default: the start time in base 36.")
    String runId;

    @Option(names = "--client-threads", paramLabel = "N",
        description = "Client threads: HTTP's event loops, or the binary protocol's polling threads. " +
            "Default: ${DEFAULT-VALUE}.")
    int clientThreads = 1;

    @Option(names = "--drain", paramLabel = "TIME", converter = DurationConverter.class,
        description = "How long to wait for the last answers after the end. Default: 10s.")
    long drainNs = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--report-dir", paramLabel = "DIR",
        description = "Where the .hgrm files, latency.png and summary.txt go. Default: ${DEFAULT-VALUE}.")
    Path reportDir = Path.of("loadgen-report");

    @Option(names = "--key-file", paramLabel = "FILE",
        description = "A file holding the key. Default: LOYALTY_ADMIN_KEY, else <data-dir>/admin.key.")
    Path keyFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The engine's data directory, for its admin.key [LOYALTY_DATA_DIR]. Default: ${DEFAULT-VALUE}.")
    Path dataDir = Path.of("data");

    @Option(names = "--quiet", description = "No progress line every second.")
    boolean quiet;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    /** The command, reading {@code environment} for the key and printing to {@code out} and {@code err}. */
    public LoadgenCommand(final Map<String, String> environment, final PrintStream out, final PrintStream err)
    {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public Integer call()
    {
        final LoadSettings settings = settings();
        final String key;
        try
        {
            key = KeySource.resolve(keyFile, environment, dataDir);
        }
        catch (final Exception ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
        final String occurredAt = OffsetDateTime.now(ZoneOffset.ofHours(3)).truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        final String target;
        final ProgramTerms program;
        try (Transport http = new HttpTransport(url, key, store, occurredAt, 1))
        {
            // The program's terms come over HTTP whatever the load's protocol: the binary protocol has no call for them.
            program = Calls.program(http);
            target = protocol == Protocol.HTTP ? "http " + url : "binary " + url.getHost() + ":" + binaryPort;
        }
        catch (final Exception ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
        try (Transport transport = protocol == Protocol.HTTP ?
            new HttpTransport(url, key, store, occurredAt, clientThreads) :
            new BinaryTransport(url.getHost(), binaryPort, key, store, occurredAt, clientThreads))
        {
            final LoadResult result = new LoadRun(settings, transport, err).run(program);
            result.print(out, target);
            if (reportDir != null)
            {
                out.println("report: " + result.write(reportDir, target));
            }
            return result.passed() ? 0 : 1;
        }
        catch (final Exception ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
    }

    /** The settings, checked; a bad one is a usage error naming the flag. */
    LoadSettings settings()
    {
        atLeast("--connections", connections, 1);
        atLeast("--pipeline", pipeline, 1);
        atLeast("--max-outstanding", maxOutstanding, 1);
        atLeast("--rate", rate, 0);
        atLeast("--members", members, 1);
        atLeast("--first-member", firstMember, 1);
        atLeast("--client-threads", clientThreads, 1);
        if (binaryPort < 1 || binaryPort > 65_535)
        {
            throw new ParameterException(spec.commandLine(), "--binary-port must be 1..65535");
        }
        atLeast("--duration", durationNs, 1);
        atLeast("--warmup", warmupNs, 0);
        if (firstMember + members - 1 > MemberNumbers.MAX_INDEX)
        {
            throw new ParameterException(spec.commandLine(), "--first-member + --members must stay below " +
                MemberNumbers.MAX_INDEX);
        }
        if (redeemPercent < 0 || redeemPercent > 100)
        {
            throw new ParameterException(spec.commandLine(), "--redeem-percent must be 0..100");
        }
        final Mix parsedMix;
        final MemberNumbers numbers;
        try
        {
            parsedMix = Mix.parse(mix);
            numbers = new MemberNumbers(cardPrefix, MemberNumbers.DEFAULT_PHONE_PREFIX);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final String id = runId != null ? runId : Long.toString(System.currentTimeMillis(), 36);
        if (id.isEmpty() || id.length() > 24)
        {
            throw new ParameterException(spec.commandLine(), "--run-id must be 1-24 characters");
        }
        return new LoadSettings(connections, rate, pipeline, maxOutstanding, warmupNs, durationNs, drainNs,
            parsedMix, numbers, firstMember, members, redeemPercent, seed, id, reportDir, !quiet);
    }

    private void atLeast(final String option, final long value, final long min)
    {
        if (value < min)
        {
            throw new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + value + " must be >= " + min);
        }
    }
}
