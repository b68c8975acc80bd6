package dev.loyalty.tools.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers as the engine renders them (README's checkout), decoded and checked against their requests. */
class ChecksTest
{
    private static final String AUTHORIZED = "{\"txId\":\"s42-r3-000981\",\"status\":\"AUTHORIZED\"," +
        "\"memberId\":\"m_1\",\"storeId\":\"s42\",\"total\":59000,\"discount\":0,\"pointsRedeemed\":100," +
        "\"payable\":49000,\"pointsToEarn\":24,\"maxRedeemable\":177,\"lines\":[{\"sku\":\"SKU-1\",\"amount\":50000," +
        "\"discount\":0,\"pointsPaid\":8475,\"paid\":41525},{\"sku\":\"SKU-9\",\"amount\":9000,\"discount\":0," +
        "\"pointsPaid\":1525,\"paid\":7475}],\"promotions\":[],\"coupons\":[],\"balance\":{\"available\":400," +
        "\"pending\":0,\"held\":100},\"holdExpiresAt\":\"2026-12-02T00:06:43Z\"}";

    private final Checks checks = new Checks(100);

    @Test
    void shouldAcceptTheAuthorizeAnswerOfTheReadme() throws IOException
    {
        assertNull(checks.problem(authorize(), answer(200, AUTHORIZED)));
    }

    @Test
    void shouldFindAWrongTotalAWrongPayableAndAnotherTxId() throws IOException
    {
        assertTrue(checks.problem(authorize(), answer(200, AUTHORIZED.replace("\"total\":59000", "\"total\":59001")))
            .startsWith("total 59001"));
        assertTrue(checks.problem(authorize(), answer(200, AUTHORIZED.replace("\"payable\":49000",
            "\"payable\":48999"))).startsWith("payable 48999"));
        assertTrue(checks.problem(authorize(), answer(200, AUTHORIZED.replace("s42-r3-000981", "other")))
            .startsWith("txId other"));
        assertTrue(checks.problem(authorize(), answer(200, AUTHORIZED.replace("\"pointsRedeemed\":100",
            "\"pointsRedeemed\":99"))).startsWith("pointsRedeemed 99"));
        assertTrue(checks.problem(authorize(), answer(200, AUTHORIZED.replace("\"amount\":9000", "\"amount\":9001")))
            .startsWith("2 lines summing to 59001"));
    }

    @Test
    void shouldSortBusinessRejectionsApartFromWrongAnswers() throws IOException
    {
        final Answer insufficient = answer(422, "{\"error\":{\"code\":\"INSUFFICIENT_POINTS\",\"message\":\"no\"}}");
        assertNull(checks.problem(authorize(), insufficient));
        assertEquals(Checks.Outcome.REJECTED, checks.sort(authorize(), insufficient, null));

        final Answer overloaded = answer(503, "{\"error\":{\"code\":\"OVERLOADED\",\"message\":\"full\"}}");
        assertEquals(Checks.Outcome.BACK_PRESSURE, checks.sort(authorize(), overloaded, null));

        final Answer notFound = answer(404, "{\"error\":{\"code\":\"MEMBER_NOT_FOUND\",\"message\":\"no\"}}");
        final String problem = checks.problem(authorize(), notFound);
        assertTrue(problem.contains("MEMBER_NOT_FOUND"), problem);
        assertEquals(Checks.Outcome.WRONG, checks.sort(authorize(), notFound, problem));
    }

    @Test
    void shouldCheckACaptureBooksWhatTheAuthorizeSaid() throws IOException
    {
        final Request capture = new Request(RequestType.CAPTURE);
        capture.txId = "s42-r3-000981";
        capture.expectedPointsRedeemed = 100;
        capture.expectedPointsEarned = 24;
        final String body = "{\"txId\":\"s42-r3-000981\",\"status\":\"CAPTURED\",\"pointsEarned\":24," +
            "\"pointsRedeemed\":100,\"balance\":{\"available\":424,\"pending\":0,\"held\":0}}";

        assertNull(checks.problem(capture, answer(200, body)));
        assertTrue(checks.problem(capture, answer(200, body.replace("\"pointsEarned\":24", "\"pointsEarned\":25")))
            .startsWith("captured 100 redeemed / 25 earned"));
    }

    @Test
    void shouldCheckARefundAndALookup() throws IOException
    {
        final Request refund = new Request(RequestType.REFUND);
        refund.txId = "s42-r3-000981";
        refund.refundId = "rf-1";
        refund.refundAmount = 9000;
        final String refunded = "{\"txId\":\"s42-r3-000981\",\"refundId\":\"rf-1\",\"status\":\"PARTIALLY_REFUNDED\"," +
            "\"amount\":9000,\"money\":7475,\"pointsReversed\":3,\"pointsReturned\":15,\"refunded\":{\"amount\":9000," +
            "\"pointsReversed\":3,\"pointsReturned\":15},\"balance\":{\"available\":436,\"pending\":0,\"held\":0}}";
        assertNull(checks.problem(refund, answer(200, refunded)));
        refund.refundsAll = true;
        assertEquals("status PARTIALLY_REFUNDED, expected REFUNDED", checks.problem(refund, answer(200, refunded)));

        final Request lookup = new Request(RequestType.LOOKUP);
        lookup.card = "7770001";
        final String profile = "{\"memberId\":\"m_1\",\"partnerId\":\"main\",\"identifiers\":[{\"type\":\"CARD\"," +
            "\"value\":\"7770001\"},{\"type\":\"PHONE\",\"value\":\"+79990001122\"}],\"stats\":{\"byChannel\":{}}}";
        assertNull(checks.problem(lookup, answer(200, profile)));
        lookup.card = "7770002";
        assertTrue(checks.problem(lookup, answer(200, profile)).startsWith("card 7770002 not among"));
    }

    @Test
    void shouldRefuseABodyThatIsNotJson()
    {
        assertThrows(IOException.class, () -> answer(200, "[1,2]"));
        assertThrows(IOException.class, () -> answer(200, "{\"total\":\"many\"}"));
    }

    private static Request authorize()
    {
        final Request r = new Request(RequestType.AUTHORIZE);
        r.txId = "s42-r3-000981";
        r.card = "7770001";
        r.lines = new Line[]{new Line("SKU-1", "coffee", 2, 25000), new Line("SKU-9", "bakery", 1, 9000)};
        r.redeemPoints = 100;
        return r;
    }

    private static Answer answer(final int status, final String body) throws IOException
    {
        final Answer a = new Answer();
        a.status = status;
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonAnswers.parse(bytes, bytes.length, a);
        return a;
    }
}
