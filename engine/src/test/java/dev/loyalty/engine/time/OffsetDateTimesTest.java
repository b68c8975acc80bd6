package dev.loyalty.engine.time;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast reader agrees with java.time on every text: the same instants, offsets and refusals. */
class OffsetDateTimesTest
{
    private static void assertAgreesWithJavaTime(final String text)
    {
        long millis;
        int offset;
        try
        {
            final OffsetDateTime t = OffsetDateTime.parse(text);
            millis = t.toInstant().toEpochMilli();
            offset = t.getOffset().getTotalSeconds();
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            millis = OffsetDateTimes.UNPARSEABLE;
            offset = OffsetDateTimes.NO_OFFSET;
        }
        assertEquals(millis, OffsetDateTimes.epochMillis(text), text);
        final int[] offsetOut = {OffsetDateTimes.NO_OFFSET};
        assertEquals(millis, OffsetDateTimes.epochMillis(text, offsetOut), text);
        assertEquals(millis, OffsetDateTimes.epochMillis(new StringBuilder(text)), text);
        if (millis != OffsetDateTimes.UNPARSEABLE)
        {
            assertEquals(offset, OffsetDateTimes.offsetSeconds(text), text);
            assertEquals(offset, offsetOut[0], text);
        }
    }

    @Test
    void shouldReadApiMdsExamplesExactly()
    {
        assertEquals(1_796_537_700_000L, OffsetDateTimes.epochMillis("2026-12-06T09:15:00+03:00"));
        assertEquals(10_800, OffsetDateTimes.offsetSeconds("2026-12-06T09:15:00+03:00"));
        assertEquals(1_796_537_700_250L, OffsetDateTimes.epochMillis("2026-12-06T06:15:00.250Z"));
        assertEquals(-19_800, OffsetDateTimes.offsetSeconds("2026-12-06T06:15:00-05:30"));
    }

    @Test
    void shouldAgreeWithJavaTimeOnCraftedTexts()
    {
        final String[] texts = {
            "2026-12-06T09:15:00+03:00", "2026-12-06T09:15:00Z", "2026-12-06T09:15:00.1Z", "2026-12-06T09:15:00.12Z",
            "2026-12-06T09:15:00.123456789+01:00", "2026-12-06T09:15:00.1234567890Z", "2026-12-06T09:15:00.Z",
            "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T23:59:59-18:00",
            "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z",
            "2026-12-06T24:00:00Z", "2026-12-06T23:60:00Z", "2026-12-06T23:59:60Z", "2026-12-06T09:15:00+18:01",
            "2026-12-06T09:15:00+19:00", "2026-12-06T09:15:00+03:60", "2026-12-06T09:15:00-18:00",
            "2026-12-06T09:15+03:00", "2026-12-06T09:15:00+03", "2026-12-06T09:15:00+0300", "2026-12-06T09:15:00",
            "2026-12-06 09:15:00Z", "2026-12-06t09:15:00z", "+12026-12-06T09:15:00Z", "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001-00:01", "2026-12-06T09:15:00+03:00:30",
            "2026-12-06T09:15:00+03:00 ", " 2026-12-06T09:15:00Z", "２０２６-12-06T09:15:00Z", "", "Z", "yesterday",
            "2026-12-06T09:15:00.5+03:00", "9999-12-31T23:59:59.999999999-18:00",
            "2026-12-06T09:15Z", "2026-12-06T09:15-05:30", "2024-02-29T00:00+14:00", "2026-02-29T09:15Z",
            "2026-12-06T24:00+03:00", "2026-12-06T23:60Z", "2026-12-06T09:15+18:01", "2026-12-06T09:15+03:60",
            "2026-12-06T09:1a+03:00", "2026-12-06T09:15x03:00", "2026-12-06T09:15+03-00", "2026-12-06T09:15z",
            "2026-12-06T09-15+03:00", "2026-12-06T09:15:0Z", "2026-12-06T09:15+3:00", "0000-01-01T00:00Z"};
        for (final String t : texts)
        {
            assertAgreesWithJavaTime(t);
        }
    }

    @Test
    void shouldAgreeWithJavaTimeOnRandomTexts()
    {
        final Random r = new Random(42);
        final char[] alphabet = "0123456789-:T.Z+ ".toCharArray();
        for (int i = 0; i < 50_000; i++)
        {
            final StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                r.nextInt(10_000), r.nextInt(14), r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62)));
            if (r.nextInt(4) == 0)
            {
                sb.setLength(16);
            }
            if (r.nextInt(3) == 0)
            {
                sb.append('.').append(Long.toString(Math.abs(r.nextLong())), 0, 1 + r.nextInt(10));
            }
            switch (r.nextInt(4))
            {
                case 0 -> sb.append('Z');
                case 1 -> sb.append(String.format("%c%02d:%02d", r.nextBoolean() ? '+' : '-', r.nextInt(20), r.nextInt(61)));
                case 2 -> sb.append(String.format("%c%02d:%02d", r.nextBoolean() ? '+' : '-', r.nextInt(15), r.nextInt(4) * 15));
                default -> sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
            if (r.nextInt(20) == 0)
            {
                sb.setCharAt(r.nextInt(sb.length()), alphabet[r.nextInt(alphabet.length)]);
            }
            assertAgreesWithJavaTime(sb.toString());
        }
    }
}
