package dev.loyalty.benchmarks;

import dev.loyalty.client.Answer;
import dev.loyalty.client.AnswerListener;
import dev.loyalty.client.AnswerType;
import dev.loyalty.client.ClientContext;
import dev.loyalty.client.LoyaltyClient;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.engine.pipeline.RingWaitStrategy;
import dev.loyalty.engine.sbe.WirePurchaseStatus;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.HttpGateway;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Client → loopback TCP → gateway → ring → journal ({@code async}) + business logic → answer: pipelined
 * authorizations through the binary protocol and {@code dev.loyalty.client}, in one process. It starts the
 * engine on a fresh data directory, puts a store and {@code --members} members (each with a card) straight into
 * the ring, then, after a warm-up run of {@code --warmup-seconds} (10, for the JIT; printed, not a figure), for
 * {@code --runs} runs of {@code --seconds}, one client thread per connection sends API.md's
 * example cheque (2 lines, a member by card) as fast as its window allows, each with a new txId, and checks
 * every answer (AUTHORIZED, total 59000, payable 59000); the figure is answers checked per second, from the
 * first send to the last answer. A last phase measures one request at a time (a blocking call) into
 * HdrHistogram: the round trip with nothing else in flight.
 * <p>
 * What the figure includes: encoding, the loopback socket both ways, the gateway's decoding and validation,
 * the ring, the journal append (memory-mapped, not forced: {@code async}), the business logic, the answer's
 * encoding and the client's decoding. Holds are not a limit here (the members' open-hold limit is raised), so
 * that every authorization is accepted.
 * <p>
 * {@code java $(cat tools/target/jvm.flags) -Xmx2g -cp benchmarks/target/benchmarks.jar
 * dev.loyalty.benchmarks.BinaryLoopbackHarness --seconds 10 --runs 3} (also {@code --members}, {@code
 * --connections}, {@code --in-flight} (the server's), {@code --window} (the client's), {@code --calls},
 * {@code --wait-strategy}).
 */
public final class BinaryLoopbackHarness
{
    private static final String KEY = "adm_binary-loopback-harness-key";

    private BinaryLoopbackHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> o = options(args);
        final int seconds = Integer.parseInt(o.getOrDefault("--seconds", "10"));
        final int runs = Integer.parseInt(o.getOrDefault("--runs", "3"));
        final int members = Integer.parseInt(o.getOrDefault("--members", "10000"));
        final int connections = Integer.parseInt(o.getOrDefault("--connections", "1"));
        final int serverInFlight = Integer.parseInt(o.getOrDefault("--in-flight", "64"));
        final int window = Integer.parseInt(o.getOrDefault("--window", "4096"));
        final int calls = Integer.parseInt(o.getOrDefault("--calls", "20000"));
        final int warmupSeconds = Integer.parseInt(o.getOrDefault("--warmup-seconds", "10"));
        final RingWaitStrategy waitStrategy =
            RingWaitStrategy.valueOf(o.getOrDefault("--wait-strategy", "blocking").toUpperCase(java.util.Locale.ROOT));

        final Path dir = Files.createTempDirectory("binary-loopback-");
        final LoyaltyEngine engine = LoyaltyEngine.start(
            new EngineContext().dataDir(dir).maxOpenHoldsPerMember(Integer.MAX_VALUE).waitStrategy(waitStrategy));
        final HttpGateway gateway = HttpGateway.start(engine, new GatewayContext()
            .bindAddress("127.0.0.1").httpPort(0).binaryPort(0).dataDir(dir).adminKey(KEY)
            .maxInFlightPerConnection(serverInFlight));
        try
        {
            seed(engine, members);
            System.out.printf("machine: %d cores, load average %s; %s; %d members, %d connection(s), server " +
                    "in-flight %d, client window %d, wait strategy %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), members,
                connections, serverInFlight, window, waitStrategy);
            for (int run = warmupSeconds > 0 ? 0 : 1; run <= runs; run++)
            {
                final Load[] loads = new Load[connections];
                final Thread[] threads = new Thread[connections];
                for (int c = 0; c < connections; c++)
                {
                    loads[c] = new Load(gateway.binaryPort(), window, members, "r" + run + "c" + c + "-",
                        run == 0 ? warmupSeconds : seconds);
                    threads[c] = new Thread(loads[c], "load-" + c);
                    threads[c].start();
                }
                long ok = 0;
                long errors = 0;
                long elapsedNs = 0;
                for (int c = 0; c < connections; c++)
                {
                    threads[c].join();
                    if (loads[c].failure != null)
                    {
                        throw new IllegalStateException("connection " + c + " failed", loads[c].failure);
                    }
                    ok += loads[c].ok;
                    errors += loads[c].errors;
                    elapsedNs = Math.max(elapsedNs, loads[c].elapsedNs);
                }
                System.out.printf("%s: %,d authorizations checked in %.2f s = %,.0f/s; %d wrong or errors%n",
                    run == 0 ? "warm-up" : "run " + run, ok, elapsedNs / 1e9, ok * 1e9 / elapsedNs, errors);
                if (errors != 0)
                {
                    throw new IllegalStateException(errors + " answers were wrong");
                }
            }
            oneAtATime(gateway.binaryPort(), members, calls);
        }
        finally
        {
            gateway.close();
            engine.close();
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void oneAtATime(final int port, final int members, final int calls)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final PurchaseRequest sale = cheque();
        final StringBuilder txId = new StringBuilder();
        final StringBuilder card = new StringBuilder();
        try (LoyaltyClient client = LoyaltyClient.connect(new ClientContext().port(port).key(KEY)))
        {
            for (int i = 0; i < calls + calls / 4; i++)
            {
                txId.setLength(0);
                txId.append("call-").append(i);
                card.setLength(0);
                card.append("card-").append(i % members);
                sale.txId(txId).memberIdentifier(dev.loyalty.engine.sbe.IdentifierType.CARD, card);
                final long start = System.nanoTime();
                final Answer a = client.call(sale);
                final long took = System.nanoTime() - start;
                if (a.type() != AnswerType.PURCHASE || a.purchase().total() != 59000)
                {
                    throw new IllegalStateException("wrong answer " + a);
                }
                if (i >= calls / 4)
                {
                    histogram.recordValue(took);
                }
            }
        }
        System.out.printf("one at a time (%,d blocking calls after %,d warm-up): p50 %.1f us, p90 %.1f us, " +
                "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", calls, calls / 4,
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3);
    }

    /** API.md's example cheque without points, so that any member can pay it. */
    private static PurchaseRequest cheque()
    {
        return PurchaseRequest.authorize().storeId("s42").occurredAt("2026-12-06T09:15:00+03:00").payment("CARD")
            .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000);
    }

    /** One connection's load: sends as fast as the window allows for a while, then waits for every answer. */
    private static final class Load implements Runnable, AnswerListener
    {
        private final int port;
        private final int window;
        private final int members;
        private final String prefix;
        private final int seconds;
        long ok;
        long errors;
        long elapsedNs;
        Exception failure;

        Load(final int port, final int window, final int members, final String prefix, final int seconds)
        {
            this.port = port;
            this.window = window;
            this.members = members;
            this.prefix = prefix;
            this.seconds = seconds;
        }

        public void run()
        {
            final PurchaseRequest sale = cheque();
            final StringBuilder txId = new StringBuilder();
            final StringBuilder card = new StringBuilder();
            try (LoyaltyClient client = LoyaltyClient.connect(
                new ClientContext().port(port).key(KEY).maxInFlight(window).sendBufferBytes(1 << 20)))
            {
                final long startNs = System.nanoTime();
                final long endNs = startNs + TimeUnit.SECONDS.toNanos(seconds);
                long i = 0;
                while (System.nanoTime() < endNs)
                {
                    txId.setLength(0);
                    txId.append(prefix).append(i);
                    card.setLength(0);
                    card.append("card-").append(i % members);
                    sale.txId(txId).memberIdentifier(dev.loyalty.engine.sbe.IdentifierType.CARD, card);
                    final long id = client.send(sale, this);
                    if (id == LoyaltyClient.CLOSED)
                    {
                        break;
                    }
                    if (id == LoyaltyClient.BACK_PRESSURED)
                    {
                        client.poll(1);
                    }
                    else
                    {
                        i++;
                        if ((i & 63) == 0)
                        {
                            client.poll();
                        }
                    }
                }
                while (client.inFlight() > 0 && !client.isClosed())
                {
                    client.poll(1);
                }
                elapsedNs = System.nanoTime() - startNs;
                if (client.isClosed())
                {
                    throw new IllegalStateException("closed: " + client.closeReason());
                }
            }
            catch (final Exception ex)
            {
                failure = ex;
            }
        }

        public void onAnswer(final Answer answer)
        {
            if (answer.type() != AnswerType.PURCHASE)
            {
                errors++;
                return;
            }
            final PurchaseView p = answer.purchase();
            if (p.status() == WirePurchaseStatus.AUTHORIZED && p.total() == 59000 && p.payable() == 59000)
            {
                ok++;
            }
            else
            {
                errors++;
            }
        }
    }

    private static void seed(final LoyaltyEngine engine, final int members) throws InterruptedException
    {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        publish(engine, new Commands.PutStore("s-1", "s42", "main", Channel.POS, Map.of()), answered, failed);
        for (int m = 0; m < members; m++)
        {
            publish(engine, new Commands.CreateMember("m-" + m, null,
                List.of(new Identifier(IdentifierType.CARD, "card-" + m)), null, null, Map.of()), answered, failed);
        }
        while (answered.get() < members + 1)
        {
            Thread.sleep(10);
        }
        if (failed.get() != 0)
        {
            throw new IllegalStateException(failed.get() + " seed commands were refused");
        }
    }

    private static void publish(
        final LoyaltyEngine engine, final Command command, final AtomicLong answered, final AtomicLong failed)
    {
        while (!engine.tryPublish(command, (c, reply) ->
        {
            if (reply.errorCode() != null)
            {
                failed.incrementAndGet();
            }
            answered.incrementAndGet();
        }))
        {
            Thread.onSpinWait();
        }
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    private static Map<String, String> options(final String[] args)
    {
        final java.util.HashMap<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }
}
