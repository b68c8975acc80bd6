package dev.loyalty.tools;

import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.pipeline.EngineContext;
import dev.loyalty.engine.pipeline.LoyaltyEngine;
import dev.loyalty.gateway.GatewayContext;
import dev.loyalty.gateway.GatewayMetrics;
import dev.loyalty.gateway.HttpGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loyalty seed} and {@code loyalty loadgen} against the real engine and HTTP gateway in this JVM on a
 * loopback port, and {@code loadgen} against a fake server that answers wrong.
 */
class LoadgenTest
{
    private static final String ADMIN_KEY = "adm_loadgen-test-admin-key-0123456789";
    private static final Map<String, String> ENVIRONMENT = Map.of(ServeCommand.ADMIN_KEY_VARIABLE, ADMIN_KEY);
    private static final Pattern REQUESTS = Pattern.compile(
        "requests: sent ([\\d,]+), answered ([\\d,]+): ok ([\\d,]+), rejected \\(business\\) ([\\d,]+), " +
        "overloaded ([\\d,]+), wrong ([\\d,]+); no answer ([\\d,]+)");
    private static final int MEMBERS = 300;

    @TempDir
    Path dataDir;

    @TempDir
    Path reportDir;

    @Test
    void shouldSeedOnlineThenDriveEveryOperationAndCheckEveryAnswer() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir));
            HttpGateway gateway = HttpGateway.start(engine, new GatewayContext()
                .bindAddress("127.0.0.1").httpPort(0).dataDir(dataDir).adminKey(ADMIN_KEY)))
        {
            final String url = "http://127.0.0.1:" + gateway.port();
            final GatewayMetrics metrics = gateway.metrics();

            final Cli seed = new Cli(ENVIRONMENT);
            assertEquals(0, seed.execute("seed", "--url", url, "--members", String.valueOf(MEMBERS),
                "--points", "2000", "--connections", "2", "--pipeline", "8"), seed.err());
            assertTrue(seed.out().contains("seeded 300 members"), seed.out());
            assertEquals(MEMBERS, metrics.commandCount(CommandType.CREATE_MEMBER, null));
            assertEquals(MEMBERS, metrics.commandCount(CommandType.ADJUST_POINTS, null));

            final long before = answeredOk(metrics);
            final Cli loadgen = new Cli(ENVIRONMENT);
            final int exit = loadgen.execute("loadgen", "--url", url, "--members", String.valueOf(MEMBERS),
                "--rate", "300", "--connections", "3", "--warmup", "1s", "--duration", "2s", "--quiet",
                "--mix", "authorize-capture=40,one-shot=30,refund=10,calculate=10,lookup=10",
                "--redeem-percent", "50", "--report-dir", reportDir.toString());
            final String out = loadgen.out();
            assertEquals(0, exit, out + loadgen.err());

            final Matcher counts = REQUESTS.matcher(out);
            assertTrue(counts.find(), out);
            final long sent = number(counts.group(1));
            final long answered = number(counts.group(2));
            final long ok = number(counts.group(3));
            assertTrue(sent >= 600, "3 s at 300 flows/s, captures on top: " + sent);
            assertEquals(sent, answered, out);
            assertEquals(ok + number(counts.group(4)), answered, "every answer right: " + out);
            assertEquals("0", counts.group(6));
            assertEquals(ok, answeredOk(metrics) - before - 1, "the engine answered OK what loadgen counted OK " +
                "(and GET /v1/program)");
            assertTrue(metrics.commandCount(CommandType.REFUND, null) > 0, "refunds of earlier one-shots");
            for (final String row : new String[]{"authorize", "capture", "one-shot", "refund", "calculate", "lookup"})
            {
                assertTrue(Pattern.compile("(?m)^  " + row + " +[\\d,]+ +\\d+\\.\\d{3} ").matcher(out).find(),
                    "a latency row for " + row + ":\n" + out);
            }
            assertTrue(out.contains("result: every answer checked and right"), out);

            assertTrue(Files.readString(reportDir.resolve("all.hgrm")).contains("Percentile"));
            assertTrue(Files.exists(reportDir.resolve("capture.hgrm")));
            final byte[] png = Files.readAllBytes(reportDir.resolve("latency.png"));
            assertEquals((byte)0x89, png[0]);
            assertEquals('P', png[1]);
            assertTrue(png.length > 10_000, "a plot, not an empty image: " + png.length);
        }
    }

    @Test
    void shouldDriveEveryOperationOverTheBinaryProtocolAndCheckEveryAnswer() throws Exception
    {
        try (LoyaltyEngine engine = LoyaltyEngine.start(new EngineContext().dataDir(dataDir));
            HttpGateway gateway = HttpGateway.start(engine, new GatewayContext()
                .bindAddress("127.0.0.1").httpPort(0).binaryPort(0).dataDir(dataDir).adminKey(ADMIN_KEY)))
        {
            final String url = "http://127.0.0.1:" + gateway.port();
            final GatewayMetrics metrics = gateway.metrics();
            final Cli seed = new Cli(ENVIRONMENT);
            assertEquals(0, seed.execute("seed", "--url", url, "--members", String.valueOf(MEMBERS),
                "--points", "2000", "--connections", "2", "--pipeline", "8"), seed.err());

            final Cli loadgen = new Cli(ENVIRONMENT);
            final int exit = loadgen.execute("loadgen", "--protocol", "binary", "--url", url,
                "--binary-port", String.valueOf(gateway.binaryPort()), "--members", String.valueOf(MEMBERS),
                "--rate", "300", "--connections", "3", "--warmup", "1s", "--duration", "2s", "--quiet",
                "--mix", "authorize-capture=40,one-shot=30,refund=10,calculate=10,lookup=10",
                "--redeem-percent", "50", "--report-dir", reportDir.toString());
            final String out = loadgen.out();
            assertEquals(0, exit, out + loadgen.err());
            assertTrue(out.contains("loadgen: binary 127.0.0.1:" + gateway.binaryPort() + ", open loop"), out);

            final Matcher counts = REQUESTS.matcher(out);
            assertTrue(counts.find(), out);
            final long sent = number(counts.group(1));
            final long answered = number(counts.group(2));
            final long ok = number(counts.group(3));
            assertTrue(sent >= 600, "3 s at 300 flows/s, captures on top: " + sent);
            assertEquals(sent, answered, out);
            assertEquals(ok + number(counts.group(4)), answered, "every answer right: " + out);
            assertEquals("0", counts.group(6));
            long binaryOk = 0;
            for (final CommandType type : CommandType.values())
            {
                binaryOk += metrics.binaryCommandCount(type, null);
            }
            assertEquals(ok, binaryOk, "the engine answered OK over the binary protocol what loadgen counted OK");
            assertTrue(metrics.binaryCommandCount(CommandType.REFUND, null) > 0, "refunds of earlier one-shots");
            assertTrue(metrics.binaryCommandCount(CommandType.CAPTURE, null) > 0, "captures of authorizations");
            for (final String row : new String[]{"authorize", "capture", "one-shot", "refund", "calculate", "lookup"})
            {
                assertTrue(Pattern.compile("(?m)^  " + row + " +[\\d,]+ +\\d+\\.\\d{3} ").matcher(out).find(),
                    "a latency row for " + row + ":\n" + out);
            }
            assertTrue(out.contains("result: every answer checked and right"), out);
        }
    }

    @Test
    void shouldFailTheRunWhenTheServerAnswersWrong() throws Exception
    {
        final String program = "{\"pointValueMinor\":100,\"baseEarnBp\":500,\"maxRedeemShareBp\":3000}";
        final String wrongPurchase = "{\"txId\":\"not-yours\",\"status\":\"CAPTURED\",\"memberId\":\"m_1\"," +
            "\"total\":1,\"discount\":0,\"pointsRedeemed\":0,\"payable\":1,\"pointsEarned\":0," +
            "\"lines\":[{\"sku\":\"SKU-1\",\"amount\":1}]}";
        try (FakeHttpServer server = new FakeHttpServer(request -> request.equals("GET /v1/program") ?
            new FakeHttpServer.Response(200, program) : new FakeHttpServer.Response(200, wrongPurchase)))
        {
            final Cli loadgen = new Cli(ENVIRONMENT);
            final int exit = loadgen.execute("loadgen", "--url", "http://127.0.0.1:" + server.port(),
                "--rate", "200", "--connections", "2", "--warmup", "0s", "--duration", "1s", "--quiet",
                "--mix", "one-shot=1", "--report-dir", reportDir.toString());
            final String out = loadgen.out();

            assertEquals(1, exit, out);
            assertTrue(out.contains("one-shot WRONG ANSWER"), out);
            assertTrue(out.contains("txId not-yours, expected "), out);
            assertTrue(out.contains("result: FAILED"), out);
            final Matcher counts = REQUESTS.matcher(out);
            assertTrue(counts.find(), out);
            assertEquals(counts.group(2), counts.group(6), "every answer was wrong: " + out);
        }
    }

    @Test
    void shouldRefuseToRunWithoutAKey()
    {
        final Cli loadgen = new Cli(Map.of());
        assertEquals(1, loadgen.execute("loadgen", "--data-dir", dataDir.toString(), "--quiet"));
        assertTrue(loadgen.err().contains("no key: give --key-file, set LOYALTY_ADMIN_KEY"), loadgen.err());
    }

    private static long answeredOk(final GatewayMetrics metrics)
    {
        long sum = 0;
        for (final CommandType type : CommandType.values())
        {
            sum += metrics.commandCount(type, null);
        }
        return sum;
    }

    private static long number(final String digits)
    {
        return Long.parseLong(digits.replace(",", ""));
    }
}
