package dev.loyalty.gateway;

import dev.loyalty.client.PurchaseRequest;
import dev.loyalty.client.TxRequest;
import dev.loyalty.engine.sbe.IdentifierType;
import dev.loyalty.engine.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example session of docs/binary-protocol.md is what the server really sends and takes: the test plays it
 * against the real engine (same clock, same setup as the README's checkout) and compares every frame with the
 * document's hex, in order.
 */
class BinarySessionDocTest
{
    private static final String KEY = TestServer.ADMIN_KEY;
    private static final Path DOC = Path.of(System.getProperty("loyalty.repository.root", ".."))
        .resolve("docs/binary-protocol.md");

    @TempDir
    Path dir;

    @Test
    void shouldSendAndAnswerTheBytesTheProtocolDocumentShows() throws IOException
    {
        final List<String> frames = new ArrayList<>();
        try (TestServer s = BinaryTestClient.server(dir, new ManualClock(1_796_000_000_000L), g -> { }))
        {
            Checkout.setUpStoreAndMemberWith500Points(s);
            try (RawBinary raw = new RawBinary(s.binaryPort()))
            {
                final byte[] auth = RawBinary.auth(1, 1, KEY);
                final byte[] authorize = raw.frame(PurchaseRequest.authorize().txId("s42-r3-000981").storeId("s42")
                    .memberIdentifier(IdentifierType.CARD, "7770001").occurredAt("2026-12-06T09:15:00+03:00")
                    .payment("CARD").redeemPoints(100)
                    .line("SKU-1", "coffee", 2, 25000).line("SKU-9", "bakery", 1, 9000), 2);
                final byte[] capture = raw.frame(TxRequest.capture("s42-r3-000981"), 3);
                final byte[] voidCaptured = raw.frame(TxRequest.voidPurchase("s42-r3-000981"), 4);
                raw.send(auth);
                frames.add(hex(auth));
                frames.add(hex(withLength(raw.readFrame())));
                raw.send(authorize);
                raw.send(capture);
                raw.send(voidCaptured);
                frames.add(hex(authorize));
                frames.add(hex(capture));
                frames.add(hex(voidCaptured));
                frames.add(hex(withLength(raw.readFrame())));
                frames.add(hex(withLength(raw.readFrame())));
                frames.add(hex(withLength(raw.readFrame())));
            }
        }

        final List<String> documented = hexBlocks(Files.readString(DOC));
        assertEquals(String.join("\n\n", frames), String.join("\n\n", documented),
            "docs/binary-protocol.md's example session, frame by frame");
    }

    /** The hex dump blocks of the document, offsets and ASCII columns dropped. */
    private static List<String> hexBlocks(final String doc)
    {
        final List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (final String line : doc.lines().toList())
        {
            if (line.equals("```hexdump"))
            {
                block = new StringBuilder();
            }
            else if (block != null && line.equals("```"))
            {
                blocks.add(block.toString().trim());
                block = null;
            }
            else if (block != null)
            {
                final String bytes = line.length() > 6 ? line.substring(6, Math.min(line.length(), 6 + 48)) : "";
                block.append(bytes.trim()).append('\n');
            }
        }
        return blocks;
    }

    private static byte[] withLength(final byte[] frame)
    {
        final byte[] whole = new byte[frame.length + 4];
        whole[0] = (byte)frame.length;
        whole[1] = (byte)(frame.length >> 8);
        whole[2] = (byte)(frame.length >> 16);
        whole[3] = (byte)(frame.length >> 24);
        System.arraycopy(frame, 0, whole, 4, frame.length);
        return whole;
    }

    /** Bytes as the document shows them: 16 a line, {@code 0000  2d 00 ...  -...} (here without offsets). */
    static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 16)
        {
            for (int k = i; k < Math.min(bytes.length, i + 16); k++)
            {
                sb.append(k > i ? " " : "").append(String.format("%02x", bytes[k] & 0xFF));
            }
            sb.append('\n');
        }
        return sb.toString().trim();
    }
}
