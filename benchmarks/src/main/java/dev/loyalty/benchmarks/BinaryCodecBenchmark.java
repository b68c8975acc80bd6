package dev.loyalty.benchmarks;

import dev.loyalty.client.Answer;
import dev.loyalty.client.FrameEncoder;
import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.PurchaseView;
import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.logic.BusinessLogic;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.gateway.binary.BinaryCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The binary protocol's four codec steps for API.md's example cheque (2 lines, a member by card, 100 points
 * redeemed), without a socket:
 * <ul>
 *   <li>{@link #clientEncodesAuthorize}: the client writes the AUTHORIZE frame from its reused
 *       {@link PurchaseRequest} ({@link FrameEncoder}, what {@code LoyaltyClient.send} does);</li>
 *   <li>{@link #serverDecodesAuthorize}: the server turns the frame into the engine's {@code Authorize} command,
 *       with every check of the HTTP decoder (the command's strings and lists are allocated: the engine
 *       keeps them);</li>
 *   <li>{@link #serverEncodesPurchaseAnswer}: the server renders the engine's real reply as PURCHASE_ANSWER
 *       through {@code ReplyWriter};</li>
 *   <li>{@link #clientReadsPurchaseAnswer}: the client wraps the answer and reads every number of it
 *       ({@link PurchaseView}).</li>
 * </ul>
 * Setup checks each step's output (the decoded command equals the one the HTTP gateway builds for the same
 * body; the answer reads total 59000, payable 49000, per-line 8475/1525), so a broken codec cannot give a fast
 * figure. Goal: the client's two steps allocate 0 bytes per operation under {@code -prof gc}. The fork gets the
 * one flag Agrona 2 needs on Java 17 ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}).
 * <p>
 * {@code java -jar benchmarks/target/benchmarks.jar BinaryCodec -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class BinaryCodecBenchmark
{
    private static final long T0 = 1_796_000_000_000L;

    private final FrameEncoder frameEncoder = new FrameEncoder();
    private final PurchaseRequest authorize = PurchaseRequest.authorize()
        .txId("s42-r3-000981").storeId("s42").memberIdentifier(dev.loyalty.engine.sbe.IdentifierType.CARD, "7770001")
        .occurredAt("2026-12-06T09:15:00+03:00").payment("CARD").redeemPoints(100)
        .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000);
    private final UnsafeBuffer requestBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final UnsafeBuffer requestFrame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer answerFrame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final BinaryCodec serverCodec = new BinaryCodec(200);
    private final Answer answer = new Answer();
    private Reply reply;
    private int requestFrameLength;
    private int answerLength;
    private long correlationId;

    @Setup
    public void setUp()
    {
        final int length = frameEncoder.encode(authorize, 2, requestBuffer, 0);
        requestFrame.wrap(requestBuffer, 4, length - 4);
        requestFrameLength = length - 4;

        final Command decoded = serverCodec.decodeRequest(requestFrame, requestFrameLength, null);
        final Command expected = new Commands.Authorize(null, new dev.loyalty.engine.command.PurchaseRequest(
            "s42-r3-000981", "s42", MemberRef.byIdentifier(IdentifierType.CARD, "7770001"),
            "2026-12-06T09:15:00+03:00", "CARD",
            List.of(new Line("SKU-1", "coffee", 2, 25000), new Line("SKU-9", "bakery", 1, 9000)), 100, false,
            List.of()));
        check(expected.equals(decoded), "decoded " + decoded);

        final BusinessLogic logic = new BusinessLogic(new ApiKeys());
        apply(logic, new Commands.PutStore("s-1", "s42", "main", Channel.POS, Map.of()));
        apply(logic, new Commands.CreateMember(
            "m-1", null, List.of(new Identifier(IdentifierType.CARD, "7770001")), null, null, Map.of()));
        apply(logic, new Commands.AdjustPoints("adj-1", "m_1", 500, "welcome"));
        reply = apply(logic, decoded);

        answerLength = serverCodec.encodeAnswer(2, CommandType.AUTHORIZE, reply);
        answerFrame.putBytes(0, serverCodec.answerBuffer(), 0, answerLength);
        final PurchaseView p = answer.wrap(answerFrame, 4, answerLength - 4).purchase();
        check(p.total() == 59000 && p.pointsRedeemed() == 100 && p.payable() == 49000 && p.pointsToEarn() == 24 &&
            p.maxRedeemable() == 177 && p.linePointsPaid(0) == 8475 && p.linePointsPaid(1) == 1525 &&
            "m_1".equals(p.memberId()), "answer " + answer);
        check(clientReadsPurchaseAnswer() == expectedChecksum(), "the read loop");
    }

    /** The client writes one AUTHORIZE frame into its send buffer. */
    @Benchmark
    public int clientEncodesAuthorize()
    {
        return frameEncoder.encode(authorize, ++correlationId, requestBuffer, 0);
    }

    /** The server decodes and validates the frame into the engine's command. */
    @Benchmark
    public Command serverDecodesAuthorize()
    {
        return serverCodec.decodeRequest(requestFrame, requestFrameLength, null);
    }

    /** The server renders the engine's reply as a PURCHASE_ANSWER frame. */
    @Benchmark
    public int serverEncodesPurchaseAnswer()
    {
        return serverCodec.encodeAnswer(++correlationId, CommandType.AUTHORIZE, reply);
    }

    /** The client wraps the answer and reads every figure of it. */
    @Benchmark
    public long clientReadsPurchaseAnswer()
    {
        final PurchaseView p = answer.wrap(answerFrame, 4, answerLength - 4).purchase();
        long sum = p.total() + p.discount() + p.pointsRedeemed() + p.payable() + p.pointsToEarn() +
            p.maxRedeemable() + p.balanceAvailable() + p.balanceHeld() + p.holdExpiresAtMillis() +
            p.status().value();
        for (int i = 0; i < p.lineCount(); i++)
        {
            sum += p.lineAmount(i) + p.lineDiscount(i) + p.linePointsPaid(i) + p.linePaid(i);
        }
        return sum + p.promotionCount() + p.couponCount();
    }

    @TearDown
    public void tearDown()
    {
        check(serverCodec.decodeRequest(requestFrame, requestFrameLength, null).type() == CommandType.AUTHORIZE,
            "still decodes");
        check(clientReadsPurchaseAnswer() == expectedChecksum(), "still reads");
    }

    private static long expectedChecksum()
    {
        return 59000 + 0 + 100 + 49000 + 24 + 177 + 400 + 100 + (T0 + 900_000) + 0 +
            50000 + 8475 + 41525 + 9000 + 1525 + 7475;
    }

    private static Reply apply(final BusinessLogic logic, final Command command)
    {
        final Reply r = logic.apply(command, T0);
        check(r.httpStatus() < 300, command + " answered " + r.httpStatus());
        return r;
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("the binary codec is broken: " + what);
        }
    }
}
