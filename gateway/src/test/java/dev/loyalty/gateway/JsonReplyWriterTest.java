package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.ErrorReply;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The direct JSON writer against Jackson's default generator, byte for byte, and the encoded HTTP response. */
class JsonReplyWriterTest
{
    @Test
    void shouldWriteTheBytesJacksonWritesForEveryKindOfValue()
    {
        assertSameAsJackson(w ->
        {
            w.startObject();
            w.field("a", 0L);
            w.field("b", Long.MIN_VALUE);
            w.field("c", Long.MAX_VALUE);
            w.field("d", -1L);
            w.field("e", 1_000_000_000_000_000_000L);
            w.field("f", 999_999_999_999_999_999L);
            w.field("t", true);
            w.field("u", false);
            w.nullField("n");
            w.field("s", (String)null);
            w.field("z", "");
            w.startObject("o");
            w.endObject();
            w.startArray("arr");
            w.value(7L);
            w.value("x");
            w.value((String)null);
            w.startObject();
            w.field("k", "v");
            w.endObject();
            w.startObject();
            w.endObject();
            w.endArray();
            w.startArray("empty");
            w.endArray();
            w.endObject();
        });
    }

    @Test
    void shouldEscapeStringsAsJacksonDoes()
    {
        final String tricky = "a\u0000\u0001\b\t\n\f\r\u001f\"\\/\u007f\u0080\u00e9\u07ff\u0800\u2028\uffff" +
            "\ud83d\ude00x\ud800y\udc00";
        assertSameAsJackson(w ->
        {
            w.startObject();
            w.field(tricky, tricky);
            w.startArray("l");
            w.value(tricky);
            w.endArray();
            w.endObject();
        });
        final Random random = new Random(42);
        for (int n = 0; n < 2_000; n++)
        {
            final char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++)
            {
                chars[i] = switch (random.nextInt(4))
                {
                    case 0 -> (char)random.nextInt(0x80);
                    case 1 -> (char)random.nextInt(0x800);
                    case 2 -> (char)(0xd800 + random.nextInt(0x800));
                    default -> (char)random.nextInt(0x10000);
                };
            }
            final String s = new String(chars);
            assertSameAsJackson(w ->
            {
                w.startObject();
                w.field("s", s);
                w.endObject();
            });
        }
    }

    @Test
    void shouldEncodeTheWholeResponseAsNettysEncoderWould()
    {
        final Reply reply = ErrorReply.of(ErrorCode.OVERLOADED, "full \"ring\"");
        final ByteBuf encoded = Responses.encoded(reply, UnpooledByteBufAllocator.DEFAULT, false);
        final ByteBuf body = JsonReplyWriter.render(reply, UnpooledByteBufAllocator.DEFAULT);
        final String expected = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n" +
            "content-length: " + body.readableBytes() + "\r\nretry-after: 1\r\nconnection: close\r\n\r\n" +
            body.toString(StandardCharsets.UTF_8);
        assertEquals(expected, encoded.toString(StandardCharsets.UTF_8));
        encoded.release();
        body.release();
    }

    private static void assertSameAsJackson(final Consumer<ReplyWriter> calls)
    {
        final Reply reply = new Reply()
        {
            public int httpStatus()
            {
                return 200;
            }

            public void writeTo(final ReplyWriter writer)
            {
                calls.accept(writer);
            }
        };
        final ByteBuf ours = JsonReplyWriter.render(reply, UnpooledByteBufAllocator.DEFAULT);
        try
        {
            assertArrayEquals(jackson(calls), ByteBufUtil.getBytes(ours));
        }
        finally
        {
            ours.release();
        }
    }

    private static byte[] jackson(final Consumer<ReplyWriter> calls)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonReader.FACTORY.createGenerator((OutputStream)out))
        {
            calls.accept(new JacksonWriter(g));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The gateway's former writer: every call straight onto Jackson's generator. */
    private record JacksonWriter(JsonGenerator g) implements ReplyWriter
    {
        private interface Call
        {
            void run() throws IOException;
        }

        private static void io(final Call call)
        {
            try
            {
                call.run();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        public void startObject()
        {
            io(g::writeStartObject);
        }

        public void startObject(final String name)
        {
            io(() -> g.writeObjectFieldStart(name));
        }

        public void endObject()
        {
            io(g::writeEndObject);
        }

        public void startArray(final String name)
        {
            io(() -> g.writeArrayFieldStart(name));
        }

        public void endArray()
        {
            io(g::writeEndArray);
        }

        public void field(final String name, final long value)
        {
            io(() -> g.writeNumberField(name, value));
        }

        public void field(final String name, final String value)
        {
            io(() ->
            {
                if (value == null)
                {
                    g.writeNullField(name);
                }
                else
                {
                    g.writeStringField(name, value);
                }
            });
        }

        public void field(final String name, final boolean value)
        {
            io(() -> g.writeBooleanField(name, value));
        }

        public void nullField(final String name)
        {
            io(() -> g.writeNullField(name));
        }

        public void value(final long value)
        {
            io(() -> g.writeNumber(value));
        }

        public void value(final String value)
        {
            io(() ->
            {
                if (value == null)
                {
                    g.writeNull();
                }
                else
                {
                    g.writeString(value);
                }
            });
        }
    }
}
